using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Core.Subscriptions;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>Event → subscriber latency figures (milliseconds).</summary>
public sealed record LatencyResult(int Subscribers, int EventsWritten, double AchievedEventsPerSecond, long Deliveries, double P50, double P95, double P99, double Max, double BatchesPerSecondPerSubscriber);

/// <summary>
/// Event → subscriber latency: a writer changes ConfigMaps straight in the emulator's store at a steady rate
/// (each change stamps the time of the write into an annotation), one informer watches them over HTTP, and every
/// subscriber records, on receipt of each batch, how long ago each change in it was written. Each object is written
/// at most once per second, so no change is coalesced away before it is measured. The ≥ 100 ms batching of
/// subscriptions is by design (a browser is refreshed at most ten times a second), so it dominates the figures.
/// </summary>
public static class LatencyScenario
{
    private const string Stamp = "bench.dashboard/written-at";

    public static async Task<LatencyResult> RunAsync(int eventsPerSecond, int subscribers, TimeSpan duration, TextWriter log)
    {
        await using var cluster = await ScenarioCluster.StartAsync(new EmulatorOptions { Scenario = "empty" });
        var context = cluster.Emulator.Context;
        var type = context.Type("", "configmaps");
        var client = cluster.Pool.Get("bench", cluster.Identity);
        const string ns = "latency";
        await client.CreateAsync(Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        var objects = Math.Max(eventsPerSecond, 1); // one write per object per second: nothing to coalesce
        var names = Enumerable.Range(0, objects).Select(i => $"cm-{i:D5}").ToArray();
        // Straight into the store (no API pipeline), so the uid the informer keys objects by is set here.
        foreach (var name in names)
            context.Store.Create(type, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = Guid.NewGuid().ToString() }, ["data"] = new JsonObject { ["n"] = "0" } });

        await using var cache = new ClusterCache(cluster.Pool);
        using var stop = new CancellationTokenSource();
        var samples = new List<double>[subscribers];
        var batches = new long[subscribers];
        var readers = new List<Task>();
        var subscriptions = new List<Subscription>();
        for (var s = 0; s < subscribers; s++)
        {
            var sub = await cache.SubscribeAsync(cluster.Key(ConfigMap.Resource, ns));
            subscriptions.Add(sub);
            var mine = samples[s] = new List<double>(eventsPerSecond * (int)Math.Ceiling(duration.TotalSeconds) + 16);
            var index = s;
            readers.Add(Task.Run(async () =>
            {
                await foreach (var batch in sub.Changes(stop.Token))
                {
                    var received = Stopwatch.GetTimestamp();
                    batches[index]++;
                    foreach (var change in batch.Changes)
                    {
                        if (change.Object.Metadata["annotations"]?[Stamp]?.GetValue<string>() is { } written)
                            mine.Add(Stopwatch.GetElapsedTime(long.Parse(written, CultureInfo.InvariantCulture), received).TotalMilliseconds);
                    }
                }
            }));
        }
        log.WriteLine($"{subscribers} subscribers on one informer; writing {eventsPerSecond} changes/s for {duration.TotalSeconds:0} s");

        // The writer paces itself on the stopwatch (1 ms ticks), so the rate holds even when a tick comes late.
        var clock = Stopwatch.StartNew();
        var written = 0;
        var total = (int)(eventsPerSecond * duration.TotalSeconds);
        while (written < total)
        {
            var due = (int)Math.Min(total, clock.Elapsed.TotalSeconds * eventsPerSecond);
            for (; written < due; written++)
            {
                var name = names[written % names.Length];
                var obj = context.Store.Get(type, ns, name)!.ToJson();
                obj["metadata"]!["annotations"] = new JsonObject { [Stamp] = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture) };
                obj["data"]!["n"] = written.ToString(CultureInfo.InvariantCulture);
                context.Store.Update(type, obj, null);
            }
            await Task.Delay(1);
        }
        var elapsed = clock.Elapsed;
        // Let the last batches arrive (one batch interval plus slack), then stop the readers.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var s in subscriptions) await s.DisposeAsync();

        var all = samples.SelectMany(x => x).Order().ToArray();
        double At(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new LatencyResult(subscribers, written, written / elapsed.TotalSeconds, all.Length, At(0.50), At(0.95), At(0.99), all.Length == 0 ? double.NaN : all[^1],
            batches.Average() / elapsed.TotalSeconds);
    }
}
