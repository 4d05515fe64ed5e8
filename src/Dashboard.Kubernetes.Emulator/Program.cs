using System.Globalization;
using System.Net;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Kubernetes.Emulator.Scenarios;
using Microsoft.Extensions.Logging;

// Standalone: `dotnet run --project src/Dashboard.Kubernetes.Emulator -- --listen 127.0.0.1:6443 --scenario demo --kubeconfig-out PATH`
var options = new EmulatorOptions();
string? kubeconfigOut = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--listen": options = options with { Listen = IPEndPoint.Parse(Next()) }; break;
        case "--scenario": options = options with { Scenario = Next() }; break;
        case "--kubeconfig-out": kubeconfigOut = Next(); break;
        case "--nodes": options = options with { LargeNodes = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--pods": options = options with { LargePods = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--churn": options = options with { ChurnPerSecond = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--time-scale": options = options with { TimeScale = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--tls-san": options = options with { ExtraCertificateNames = [.. options.ExtraCertificateNames, Next()] }; break;
        case "-h" or "--help":
            Console.WriteLine("Kubernetes API emulator\n  --listen HOST:PORT      (default 127.0.0.1:6443)\n  --scenario NAME         "
                + string.Join(" | ", ScenarioCatalog.All.Select(s => $"{s.Name}: {s.Description}"))
                + "\n  --kubeconfig-out PATH   write an admin kubeconfig\n  --nodes N --pods N      size of the large scenario\n  --churn N               changes per second (large scenario)\n  --time-scale X          multiply the simulated kubelet's delays\n  --tls-san NAME          extra name in the serving certificate");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]} (see --help)");
            return 2;
    }
}
if (!args.Contains("--listen")) options = options with { Listen = new IPEndPoint(IPAddress.Loopback, 6443) };

using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
KubeEmulator emulator;
try
{
    emulator = await KubeEmulator.StartAsync(options, loggerFactory);
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"cannot listen on {options.Listen}: the address is already in use (another emulator or API server?). Choose another with --listen.");
    return 1;
}
await using var running = emulator;
Console.WriteLine($"Kubernetes API emulator listening on {emulator.Url} (scenario {options.Scenario})");
if (kubeconfigOut is not null)
{
    await File.WriteAllTextAsync(kubeconfigOut, emulator.Kubeconfig());
    Console.WriteLine($"admin kubeconfig written to {kubeconfigOut}   (export KUBECONFIG={kubeconfigOut})");
}
foreach (var (user, token) in emulator.Context.Users.Tokens.OrderBy(u => u.Key, StringComparer.Ordinal))
    Console.WriteLine($"token for {user}: {token}");

using var done = new CancellationTokenSource();
void Stop(System.Runtime.InteropServices.PosixSignalContext context)
{
    context.Cancel = true; // shut down cleanly below instead of being killed mid-write
    done.Cancel();
}
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
try { await Task.Delay(Timeout.Infinite, done.Token); }
catch (OperationCanceledException) { }
return 0;
