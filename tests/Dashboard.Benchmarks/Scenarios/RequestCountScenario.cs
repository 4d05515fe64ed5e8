using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Core.Subscriptions;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>Requests the API server received from each design during the run.</summary>
public sealed record RequestCountResult(int Viewers, TimeSpan Duration, int InformerLists, int InformerWatches, int PollingLists, int PollingObjectsTransferred, int Changes);

/// <summary>
/// API requests from 20 viewers over 60 s, two designs side by side in one process against one emulator: the live
/// cache (20 subscriptions to one key) on one namespace, and a 5-second polling design (each viewer LISTs every 5 s)
/// on another namespace with the same objects. A writer changes one object of each namespace every second, so both
/// designs have something to show. Requests are counted in the emulator's request log (a watch is logged when it
/// ends, so the subscriptions are closed and the informer stopped before counting).
/// </summary>
public static class RequestCountScenario
{
    public static async Task<RequestCountResult> RunAsync(int viewers, TimeSpan duration, TimeSpan pollInterval, int objects, TextWriter log)
    {
        await using var cluster = await ScenarioCluster.StartAsync(new EmulatorOptions { Scenario = "empty" });
        var client = cluster.Pool.Get("bench", cluster.Identity);
        foreach (var ns in new[] { "live", "polled" })
        {
            await client.CreateAsync(Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
            for (var i = 0; i < objects; i++)
                await client.CreateAsync(ConfigMap.Resource, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"cm-{i}" }, ["data"] = new JsonObject { ["n"] = "0" } });
        }
        cluster.Emulator.Context.Requests.Clear();

        await using var cache = new ClusterCache(cluster.Pool, new InformerOptions { GracePeriod = TimeSpan.FromMilliseconds(200) });
        using var stop = new CancellationTokenSource(duration);
        var live = new List<Task>();
        for (var v = 0; v < viewers; v++)
        {
            live.Add(Task.Run(async () =>
            {
                await using var sub = await cache.SubscribeAsync(cluster.Key(ConfigMap.Resource, "live"));
                try { await foreach (var _ in sub.Changes(stop.Token)) { } }
                catch (OperationCanceledException) { }
            }));
        }
        var transferred = 0;
        var polling = Enumerable.Range(0, viewers).Select(v => Task.Run(async () =>
        {
            // Viewers open at different moments: spread their polls over the interval, as real tabs would be.
            try
            {
                await Task.Delay(pollInterval * v / viewers, stop.Token);
                while (true)
                {
                    var list = await client.ListAsync(ConfigMap.Resource, "polled", ct: stop.Token);
                    Interlocked.Add(ref transferred, list.Items.Count);
                    await Task.Delay(pollInterval, stop.Token);
                }
            }
            catch (OperationCanceledException) { }
        })).ToList();
        var changes = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                foreach (var ns in new[] { "live", "polled" })
                {
                    await client.PatchAsync(ConfigMap.Resource, ns, $"cm-{changes % objects}", Kubernetes.Client.PatchType.Merge,
                        new JsonObject { ["data"] = new JsonObject { ["n"] = changes.ToString(CultureInfo.InvariantCulture) } });
                }
                changes++;
            }
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(live.Concat(polling));
        // The last subscription left: the informer stops after its grace period and its watch ends (and is logged).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cache.ActiveKeys.Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(500);
        var requests = cluster.Emulator.Context.Requests.Entries.Where(r => r.Resource == "configmaps").ToList();
        int Count(string ns, string verb) => requests.Count(r => r.Namespace == ns && r.Verb == verb);
        log.WriteLine($"{viewers} viewers for {duration.TotalSeconds:0} s; {changes} changes per namespace");
        return new RequestCountResult(viewers, duration, Count("live", "list"), Count("live", "watch"), Count("polled", "list"), transferred, changes);
    }
}
