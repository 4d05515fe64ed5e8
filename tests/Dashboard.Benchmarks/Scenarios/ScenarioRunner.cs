using System.Globalization;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// Whole-system figures that BenchmarkDotNet's repeat-and-average model does not fit (one emulator, one run, many
/// seconds): <c>dotnet run -c Release --project tests/Dashboard.Benchmarks -- scenario memory|latency|requests [options]</c>.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = Options(args.Skip(1));
        int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var name = args.FirstOrDefault() ?? "";
        switch (name)
        {
            case "memory":
            {
                var r = await CacheMemoryScenario.RunAsync(Int("pods", 30_000), Int("nodes", 500), output);
                output.WriteLine(FormattableString.Invariant($"pods cached: {r.Pods}; first sync: {r.SyncTime.TotalSeconds:0.0} s; slim JSON per pod: {r.SlimJsonBytes:0} B"));
                output.WriteLine(FormattableString.Invariant($"cache (informer running, no snapshot held): {r.CacheBytes / 1048576.0:0.0} MiB = {r.PerPod:0} B per pod"));
                output.WriteLine(FormattableString.Invariant($"with one subscriber holding its snapshot: {r.WithSnapshotBytes / 1048576.0:0.0} MiB = {r.PerPodWithSnapshot:0} B per pod"));
                output.WriteLine(FormattableString.Invariant($"while it keeps every object after reading name and status: {r.MaterializedBytes / 1048576.0:0.0} MiB = {r.PerPodMaterialized:0} B per pod"));
                output.WriteLine(FormattableString.Invariant($"after it also walked every node of them: {r.WalkedBytes / 1048576.0:0.0} MiB = {r.PerPodWalked:0} B per pod"));
                return 0;
            }
            case "latency":
            {
                var r = await LatencyScenario.RunAsync(Int("rate", 1000), Int("subscribers", 100), TimeSpan.FromSeconds(Int("seconds", 20)), output);
                output.WriteLine(FormattableString.Invariant($"events written: {r.EventsWritten} at {r.AchievedEventsPerSecond:0} /s; deliveries measured: {r.Deliveries} ({r.Subscribers} subscribers)"));
                output.WriteLine(FormattableString.Invariant($"latency write → batch receipt: p50 {r.P50:0.0} ms, p95 {r.P95:0.0} ms, p99 {r.P99:0.0} ms, max {r.Max:0.0} ms"));
                output.WriteLine(FormattableString.Invariant($"batches per subscriber per second: {r.BatchesPerSecondPerSubscriber:0.0}"));
                return r.Deliveries == (long)r.EventsWritten * r.Subscribers ? 0 : 2;
            }
            case "requests":
            {
                var r = await RequestCountScenario.RunAsync(Int("viewers", 20), TimeSpan.FromSeconds(Int("seconds", 60)), TimeSpan.FromSeconds(Int("poll", 5)), Int("objects", 50), output);
                output.WriteLine(FormattableString.Invariant($"live cache: {r.InformerLists} LIST + {r.InformerWatches} WATCH"));
                output.WriteLine(FormattableString.Invariant($"polling every {Int("poll", 5)} s: {r.PollingLists} LIST ({r.PollingObjectsTransferred} objects transferred)"));
                return 0;
            }
            default:
                output.WriteLine("usage: scenario memory [--pods 30000] [--nodes 500] | latency [--rate 1000] [--subscribers 100] [--seconds 20] | requests [--viewers 20] [--seconds 60] [--poll 5] [--objects 50]");
                return 1;
        }
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? key = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal)) key = a[2..];
            else if (key is not null)
            {
                result[key] = a;
                key = null;
            }
        }
        return result;
    }
}
