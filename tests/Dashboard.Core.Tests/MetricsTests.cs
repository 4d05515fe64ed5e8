using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Actions;
using Dashboard.Core.Caching;
using Dashboard.Core.Telemetry;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>
/// Real cache, client and action activity against the emulator moves the exported numbers. Each test has its own
/// <see cref="DashboardMetrics"/> and exporter; client requests are told apart by this fixture's emulator address.
/// </summary>
public sealed class MetricsTests(CacheFixture fx) : IClassFixture<CacheFixture>, IDisposable
{
    private readonly DashboardMetrics _metrics = new();
    private PrometheusExporter? _exporter;

    private PrometheusExporter Exporter => _exporter ??=
        new PrometheusExporter(i => i.Meter == _metrics.Meter || i.Meter.Name == KubeClientMetrics.MeterName);

    private string Server => fx.Emulator.Url.Authority;

    public void Dispose()
    {
        _exporter?.Dispose();
        _metrics.Dispose();
    }

    /// <summary>The value of one series in the rendered text, or null when it is absent.</summary>
    private static double? Value(string text, string series)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private string Request(string verb, string resource, int code) =>
        $"dashboard_kube_requests_total{{code=\"{code}\",resource=\"{resource}\",server=\"{Server}\",verb=\"{verb}\"}}";

    [Fact]
    public async Task A_live_informer_and_its_watch_events_lists_and_requests_are_counted()
    {
        _ = Exporter;
        var ns = await fx.NewNamespace("metrics-live");
        await using var cache = new ClusterCache(fx.Pool, new InformerOptions { GracePeriod = TimeSpan.FromMilliseconds(100) }, metrics: _metrics);
        // A selector keeps out the objects the emulator's controllers create in every namespace (kube-root-ca.crt).
        await using var a = new LiveView(await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns, selector: "app=metrics")));
        await using var b = new LiveView(await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns, selector: "app=metrics")));
        for (var i = 0; i < 3; i++)
        {
            await fx.Admin.CreateAsync(ConfigMap.Resource, ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"cm-{i}", ["labels"] = new JsonObject { ["app"] = "metrics" } },
            });
        }
        await CacheFixture.Eventually(() => a.Names().Count == 3 && b.Names().Count == 3, "both views to see three objects");

        var text = Exporter.Render();
        Assert.Equal(1, Value(text, "dashboard_informers{state=\"live\"}"));
        Assert.Equal(0, Value(text, "dashboard_informers{state=\"syncing\"}"));
        Assert.Equal(2, Value(text, "dashboard_subscriptions"));
        Assert.Equal(3, Value(text, "dashboard_cache_objects"));
        Assert.Equal(3, Value(text, "dashboard_watch_events_total{resource=\"configmaps\",type=\"added\"}"));
        Assert.Equal(3, Value(text, Request("create", "configmaps", 201)));
        Assert.Equal(1, Value(text, Request("list", "configmaps", 200)));
        Assert.Equal(1, Value(text, Request("create", "namespaces", 201)));
        Assert.Contains("# TYPE dashboard_kube_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Equal(4, Value(text, $"dashboard_kube_request_duration_seconds_count{{code=\"201\",server=\"{Server}\",verb=\"create\"}}"));
    }

    [Fact]
    public async Task An_expired_watch_counts_a_relist()
    {
        var ns = await fx.NewNamespace("metrics-relist");
        var elsewhere = await fx.NewNamespace("metrics-relist-elsewhere");
        await fx.CreateConfigMap(ns, "first");
        await using var cache = new ClusterCache(fx.Pool, new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(50) }, metrics: _metrics);
        await using var view = new LiveView(await cache.SubscribeAsync(fx.Key(ConfigMap.Resource, ns)));
        _ = Exporter;

        // A write the informer does not watch moves the store past the informer's version; compacting then makes
        // its resume point expire (410), which only a relist cures.
        await fx.CreateConfigMap(elsewhere, "unseen");
        fx.Emulator.Context.Store.CompactAll();
        fx.Emulator.Context.Store.DropAllWatches();
        await fx.CreateConfigMap(ns, "second");
        await CacheFixture.Eventually(() => view.Names().Values.Any(v => v.StartsWith("second@", StringComparison.Ordinal)), "the view to recover");
        await CacheFixture.Eventually(() => Value(Exporter.Render(), "dashboard_informer_relists_total{reason=\"expired\",resource=\"configmaps\"}") >= 1,
            "the relist to be counted");
        // The exporter started after the first list: every list it saw is a relist.
        var text = Exporter.Render();
        Assert.Equal(Value(text, "dashboard_informer_relists_total{reason=\"expired\",resource=\"configmaps\"}"), Value(text, Request("list", "configmaps", 200)));
    }

    [Fact]
    public async Task A_forbidden_informer_shows_in_the_state_gauge_and_its_403_is_counted()
    {
        _ = Exporter;
        var token = fx.Emulator.Context.Users.Add("metrics-nobody");
        var identity = fx.Pool.SignIn("emulator", token);
        await using var cache = new ClusterCache(fx.Pool, metrics: _metrics);
        await using var sub = await cache.SubscribeAsync(fx.Key(Secret.Resource, "default", identity));

        var text = Exporter.Render();
        Assert.Equal(1, Value(text, "dashboard_informers{state=\"forbidden\"}"));
        Assert.Equal(0, Value(text, "dashboard_informers{state=\"live\"}"));
        Assert.Equal(1, Value(text, Request("list", "secrets", 403)));
    }

    [Fact]
    public async Task Actions_are_counted_by_name_and_outcome()
    {
        var ns = await fx.NewNamespace("metrics-actions");
        await fx.CreateConfigMap(ns, "labelled");
        var actions = new ActionService(fx.Pool, new AuditLog(), metrics: _metrics);
        var admin = new ActionContext("emulator", fx.AdminIdentity, "admin");
        _ = Exporter;

        await actions.LabelAsync(admin, new ObjectRef(ConfigMap.Resource, ns, "labelled"), new Dictionary<string, string?> { ["tier"] = "web" });
        await actions.LabelAsync(admin, new ObjectRef(ConfigMap.Resource, ns, "labelled"), new Dictionary<string, string?> { ["tier"] = "db" });
        await Assert.ThrowsAsync<ActionFailedException>(() => actions.ScaleAsync(admin, new ObjectRef(Deployment.Resource, ns, "missing"), 2));

        var text = Exporter.Render();
        Assert.Equal(2, Value(text, "dashboard_actions_total{action=\"label\",outcome=\"success\"}"));
        Assert.Equal(1, Value(text, "dashboard_actions_total{action=\"scale\",outcome=\"failure\"}"));
        Assert.Null(Value(text, "dashboard_actions_total{action=\"scale\",outcome=\"success\"}"));
        Assert.Equal(2, Value(text, Request("patch", "configmaps", 200)));
    }
}
