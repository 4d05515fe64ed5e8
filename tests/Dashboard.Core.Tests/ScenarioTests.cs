using Dashboard.Benchmarks.Scenarios;

namespace Dashboard.Core.Tests;

/// <summary>The benchmark scenarios (docs/PERFORMANCE.md) still run, on tiny sizes; their figures are not asserted.</summary>
public sealed class ScenarioTests
{
    [Fact]
    public async Task The_memory_scenario_caches_every_pod_of_a_small_large_cluster()
    {
        var r = await CacheMemoryScenario.RunAsync(pods: 200, nodes: 5, TextWriter.Null);
        Assert.Equal(200, r.Pods);
        Assert.True(r.SlimJsonBytes > 500, $"a pod of the large scenario is {r.SlimJsonBytes} bytes of JSON");
    }

    [Fact]
    public async Task The_latency_scenario_measures_every_event_at_every_subscriber()
    {
        var r = await LatencyScenario.RunAsync(eventsPerSecond: 50, subscribers: 3, TimeSpan.FromSeconds(1), TextWriter.Null);
        Assert.Equal(50, r.EventsWritten);
        Assert.Equal(150, r.Deliveries);
        Assert.True(r.P50 <= r.P95 && r.P95 <= r.Max);
    }

    [Fact]
    public async Task The_request_scenario_counts_one_list_and_one_watch_for_all_live_viewers()
    {
        var r = await RequestCountScenario.RunAsync(viewers: 3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), objects: 2, TextWriter.Null);
        Assert.Equal((1, 1), (r.InformerLists, r.InformerWatches));
        Assert.True(r.PollingLists >= 3, $"each polling viewer lists at least once ({r.PollingLists})");
    }
}
