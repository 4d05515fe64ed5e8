using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Emulator.Testing;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

public sealed class ClusterCacheTests(CacheFixture fx) : IClassFixture<CacheFixture>
{
    private async Task<Dictionary<string, string>> FreshList(string ns) =>
        (await fx.Admin.ListAllAsync(ConfigMap.Resource, ns)).Items.ToDictionary(o => o.Uid, o => o.Name + "@" + o.ResourceVersion);

    [Fact]
    public async Task Twenty_subscribers_of_one_key_cost_one_list_and_one_watch()
    {
        var ns = await fx.NewNamespace("shared-view");
        await fx.CreateConfigMap(ns, "a");
        await using var cache = fx.NewCache();
        fx.Emulator.Context.Requests.Clear();
        var views = new List<LiveView>();
        for (var i = 0; i < 20; i++) views.Add(new LiveView(await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns))));
        await fx.CreateConfigMap(ns, "b");
        // The emulator's root-CA publisher adds kube-root-ca.crt to new namespaces at its own pace: look for ours only.
        await CacheFixture.Eventually(() => views.All(v => v.Names().Values.Count(n => n.StartsWith("a@", StringComparison.Ordinal) || n.StartsWith("b@", StringComparison.Ordinal)) == 2),
            "all views to see the new object");

        var path = $"/api/v1/namespaces/{ns}/configmaps";
        var requests = fx.Emulator.Context.Requests.Entries.Where(r => r.Path == path).ToList();
        Assert.Equal(1, requests.Count(r => r.Verb == "list"));
        // The watch is still open (requests are logged when they end), so none is logged yet, and none was repeated.
        Assert.Equal(0, requests.Count(r => r.Verb == "watch"));
        Assert.Single(cache.ActiveKeys);
        foreach (var v in views) await v.DisposeAsync();
    }

    [Fact]
    public async Task A_dropped_watch_and_an_expired_version_recover_without_losing_or_duplicating()
    {
        var ns = await fx.NewNamespace("recovery");
        for (var i = 0; i < 5; i++) await fx.CreateConfigMap(ns, $"before-{i}");
        await using var cache = fx.NewCache();
        await using var view = new LiveView(await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns)));
        Assert.Equal(5, view.Names().Count);

        using (fx.Emulator.Context.Faults.Add(new Fault { PathContains = $"/namespaces/{ns}/configmaps", Watch = true, DropWatchAfterEvents = 1, Times = 3 }))
        {
            for (var i = 0; i < 6; i++) await fx.CreateConfigMap(ns, $"during-drops-{i}");
            await fx.Admin.DeleteAsync(ConfigMap.Resource, ns, "before-0");
            await CacheFixture.Eventually(() => view.Names().Count == 10, "the view to follow through dropped watches");
        }
        Assert.Equal(await FreshList(ns), view.Names());

        // Every resume point expires: the informer relists and publishes only the differences.
        fx.Emulator.Context.Store.CompactAll();
        fx.Emulator.Context.Store.DropAllWatches();
        await fx.Admin.DeleteAsync(ConfigMap.Resource, ns, "before-1");
        await fx.CreateConfigMap(ns, "after-expiry");
        await CacheFixture.Eventually(() => view.Names().ContainsValue("after-expiry@" + FreshRv(ns, "after-expiry")) && view.Names().Count == 10, "the view to recover after 410");
        Assert.Equal(await FreshList(ns), view.Names());
        var added = view.Batches.SelectMany(b => b.Batch.Changes).Where(c => c.Type == ChangeType.Added).GroupBy(c => c.Uid);
        Assert.All(added, g => Assert.Single(g));
    }

    private string FreshRv(string ns, string name)
    {
        try { return fx.Admin.GetAsync(ConfigMap.Resource, ns, name).GetAwaiter().GetResult().ResourceVersion ?? ""; }
        catch (KubeApiException) { return ""; }
    }

    [Fact]
    public async Task A_forbidden_kind_reports_forbidden_and_does_not_retry_in_a_tight_loop()
    {
        var token = fx.Emulator.Context.Users.Add("nobody");
        var identity = fx.Pool.SignIn("emulator", token);
        await using var cache = fx.NewCache();
        fx.Emulator.Context.Requests.Clear();
        await using var sub = await cache.SubscribeAsync(fx.Key(Secret.Resource, "default", identity));
        Assert.Equal(InformerState.Forbidden, sub.Status.State);
        Assert.Contains("secrets is forbidden", sub.Status.Error);
        Assert.Empty(sub.Snapshot);
        await Task.Delay(1500);
        Assert.Single(fx.Emulator.Context.Requests.Entries, r => r.User == "nobody" && r.Resource == "secrets");
    }

    [Fact]
    public async Task Batches_are_at_least_100ms_apart_and_coalesce_changes_of_one_object()
    {
        var ns = await fx.NewNamespace("batching");
        await using var cache = fx.NewCache();
        await using var view = new LiveView(await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns)));
        var obj = await fx.CreateConfigMap(ns, "busy");
        for (var i = 0; i < 20; i++)
        {
            obj.Json["data"]!["k"] = $"v{i}";
            obj = await fx.Admin.ReplaceAsync(ConfigMap.Resource, obj);
        }
        await CacheFixture.Eventually(() => view.Names().ContainsValue("busy@" + obj.ResourceVersion), "the last version");
        var times = view.Batches.Select(b => b.At).ToList();
        for (var i = 1; i < times.Count; i++) Assert.True(times[i] - times[i - 1] >= TimeSpan.FromMilliseconds(90), "batches too close");
        Assert.True(view.Batches.Sum(b => b.Batch.Changes.Count) < 21, "changes of one object were not coalesced");
    }

    [Fact]
    public async Task A_stuck_subscriber_does_not_stall_the_others()
    {
        var ns = await fx.NewNamespace("stuck");
        await using var cache = fx.NewCache();
        await using var stuck = await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns)); // never read
        await using var live = new LiveView(await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns)));
        for (var i = 0; i < 30; i++) await fx.CreateConfigMap(ns, $"cm-{i}");
        await CacheFixture.Eventually(() => live.Names().Count == 30, "the reading subscriber to see everything");
        Assert.Equal(30, stuck.Queue.PendingCount); // held, coalesced per object, waiting for its reader
    }

    [Fact]
    public async Task The_last_subscriber_leaving_stops_the_informer_after_the_grace_period_and_sign_out_stops_at_once()
    {
        var ns = await fx.NewNamespace("lifetime");
        await using var cache = fx.NewCache(TimeSpan.FromMilliseconds(500));
        var key = fx.Key(ConfigMap.Resource, ns);
        var first = await cache.SubscribeAsync(key);
        await first.DisposeAsync();
        var again = await cache.SubscribeAsync(key); // within the grace period: the same informer, no new LIST
        Assert.Single(cache.ActiveKeys);
        await again.DisposeAsync();
        await CacheFixture.Eventually(() => cache.ActiveKeys.Count == 0, "the informer to stop after the grace period");

        var token = fx.Emulator.Context.Users.Add("leaver", "system:masters");
        var identity = fx.Pool.SignIn("emulator", token);
        await using var sub = await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns, identity));
        Assert.Single(cache.ActiveKeys);
        fx.Pool.Forget("emulator", identity);
        await CacheFixture.Eventually(() => cache.ActiveKeys.Count == 0, "sign-out to stop the identity's informers");
    }

    [Fact]
    public async Task A_revoked_token_turns_the_informer_unauthorized()
    {
        var ns = await fx.NewNamespace("revoked");
        var token = fx.Emulator.Context.Users.Add("temp", "system:masters");
        var identity = fx.Pool.SignIn("emulator", token);
        await using var cache = fx.NewCache();
        var states = new List<InformerState>();
        cache.StatusChanged += (_, s) => { lock (states) states.Add(s.State); };
        await using var sub = await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns, identity));
        Assert.Equal(InformerState.Live, sub.Status.State);
        fx.Emulator.Context.Users.Revoke("temp");
        // Authentication happens when a watch connects: drop watches until the informer's own reconnect is refused
        // (its watch may not have been open yet at the first drop).
        await CacheFixture.Eventually(() =>
        {
            fx.Emulator.Context.Store.DropAllWatches();
            lock (states) return states.Contains(InformerState.Unauthorized);
        }, "the informer to report Unauthorized");
    }
}
