using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>What the cache of one pods informer costs in managed heap.</summary>
/// <param name="Pods">Pods cached.</param>
/// <param name="SyncTime">From subscribing to the first snapshot (paged list of every pod).</param>
/// <param name="CacheBytes">Heap growth with the informer running and no subscriber holding a snapshot.</param>
/// <param name="WithSnapshotBytes">Heap growth while one subscriber holds its (untouched) snapshot.</param>
/// <param name="MaterializedBytes">Heap growth while that subscriber keeps every object of its snapshot after reading its name and status.</param>
/// <param name="WalkedBytes">The same after it walked every node of every object it keeps.</param>
/// <param name="SlimJsonBytes">Average size of one cached pod as compact JSON (managedFields and last-applied removed).</param>
public sealed record CacheMemoryResult(int Pods, TimeSpan SyncTime, long CacheBytes, long WithSnapshotBytes, long MaterializedBytes, long WalkedBytes, double SlimJsonBytes)
{
    public double PerPod => (double)CacheBytes / Pods;
    public double PerPodWithSnapshot => (double)WithSnapshotBytes / Pods;
    public double PerPodMaterialized => (double)MaterializedBytes / Pods;
    public double PerPodWalked => (double)WalkedBytes / Pods;
}

/// <summary>
/// Cache memory per pod: an emulator with the large scenario (pods already Running, no churn), one informer on all
/// pods, and the managed heap (after full, compacting collections) before and after its first sync. The emulator's
/// controllers are off, so that nothing but the cache changes the heap (heartbeats would fill the watch history). The emulator runs
/// in the same process, so the baseline is taken after a warm-up list that builds whatever the emulator builds lazily.
/// </summary>
public static class CacheMemoryScenario
{
    public static async Task<CacheMemoryResult> RunAsync(int pods, int nodes, TextWriter log)
    {
        await using var cluster = await ScenarioCluster.StartAsync(new EmulatorOptions { Scenario = "large", LargePods = pods, LargeNodes = nodes, RunControllers = false });
        log.WriteLine($"cluster up: {await WarmUpAsync(cluster)} pods");
        // Continuations may run inline under a finished method's frame, whose slots can still hold what it used:
        // every measurement starts from a fresh stack.
        await Task.Delay(100);
        var baseline = Heap();
        var cache = new ClusterCache(cluster.Pool, new InformerOptions { GracePeriod = TimeSpan.FromMinutes(10) });
        var held = await SubscribeAndMeasureAsync(cache, cluster.Key(Pod.Resource));
        await Task.Delay(100);
        // The subscription is gone; the informer runs on through its grace period.
        var withCache = Heap();
        if (cache.ActiveKeys.Count != 1) throw new InvalidOperationException("the informer stopped before it was measured");
        await cache.DisposeAsync();
        await Task.Delay(100);
        log.WriteLine(FormattableString.Invariant($"heap: before {baseline / 1048576.0:0.0} MiB, with the cache {withCache / 1048576.0:0.0} MiB, after disposing it {Heap() / 1048576.0:0.0} MiB"));
        return new CacheMemoryResult(held.Count, held.Sync, withCache - baseline, held.Snapshot - baseline, held.Read - baseline, held.Walked - baseline, held.Slim);
    }

    /// <summary>One full list, so that whatever the emulator, the connection pool and the JIT build on first use exists before the baseline.</summary>
    private static async Task<int> WarmUpAsync(ScenarioCluster cluster) =>
        (await cluster.Pool.Get("bench", cluster.Identity).ListAllAsync(Pod.Resource)).Items.Count;

    private static async Task<(int Count, TimeSpan Sync, long Snapshot, long Read, long Walked, double Slim)> SubscribeAndMeasureAsync(ClusterCache cache, InformerKey key)
    {
        var clock = Stopwatch.StartNew();
        Dashboard.Core.Subscriptions.Subscription? subscription = await cache.SubscribeAsync(key);
        var sync = clock.Elapsed;
        var snapshot = Heap();
        // A page that keeps the objects it shows (rather than rows projected from them) pays for their parsed trees.
        var kept = new List<KubeObject>(subscription.Snapshot.Count);
        foreach (var o in subscription.Snapshot)
        {
            _ = o.Name + o.Status?.Count; // what a list page's projection reads first
            kept.Add(o);
        }
        var read = Heap();
        foreach (var o in kept) Walk(o.Json);
        var walked = Heap();
        GC.KeepAlive(kept);
        kept = null;
        var slim = subscription.Snapshot.Take(500).Average(o => (double)JsonSerializer.SerializeToUtf8Bytes(o.Json).Length);
        var count = subscription.Snapshot.Count;
        await subscription.DisposeAsync();
        subscription = null; // a completed async method's state (this local included) lives as long as its task
        return (count, sync, snapshot, read, walked, slim);
    }

    private static int Walk(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(kv => Walk(kv.Value)) + 1,
        JsonArray a => a.Sum(Walk) + 1,
        _ => 1,
    };

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
