using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dashboard.Benchmarks.Scenarios;

if (args is ["scenario", .. var rest]) return await ScenarioRunner.RunAsync(rest, Console.Out);

// In-process: the projects are self-contained for linux-x64, which BenchmarkDotNet's generated projects would not be.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
