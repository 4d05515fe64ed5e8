using System.Diagnostics.Metrics;
using Dashboard.Core.Caching;

namespace Dashboard.Core.Telemetry;

/// <summary>
/// The dashboard's own metrics (meter <see cref="MeterName"/>): informers by state, cached objects, subscriptions,
/// watch events received, relists and actions. Caches and services record into the instance they were given, or into
/// <see cref="Shared"/>; a host or a test that wants its own numbers creates one (optionally through an
/// <see cref="IMeterFactory"/>) and passes it on.
/// </summary>
public sealed class DashboardMetrics : IDisposable
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "Dashboard";

    private static readonly InformerState[] States = Enum.GetValues<InformerState>().Where(s => s != InformerState.Stopped).ToArray();

    private readonly object _gate = new();
    private readonly List<ClusterCache> _caches = [];
    private readonly Counter<long> _watchEvents;
    private readonly Counter<long> _relists;
    private readonly Counter<long> _actions;

    /// <summary>The instance used when none is given.</summary>
    public static DashboardMetrics Shared { get; } = new();

    /// <summary>Creates the instruments on a meter of its own (from <paramref name="factory"/> when given).</summary>
    public DashboardMetrics(IMeterFactory? factory = null)
    {
        Meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        Meter.CreateObservableGauge("dashboard.informers", ObserveInformers, "{informer}",
            "Running informers (one list-then-watch each) by state: syncing, live, reconnecting, forbidden, unauthorized.");
        Meter.CreateObservableGauge("dashboard.cache.objects", ObserveObjects, "{object}",
            "Objects held by all informers' caches.");
        Meter.CreateObservableGauge("dashboard.subscriptions", ObserveSubscriptions, "{subscription}",
            "Open subscriptions (views) on the live cache.");
        _watchEvents = Meter.CreateCounter<long>("dashboard.watch.events", "{event}",
            "Watch events received by informers, by resource and event type (added, modified, deleted, bookmark).");
        _relists = Meter.CreateCounter<long>("dashboard.informer.relists", "{list}",
            "Lists made by informers after their first (the watch expired with 410 or failed), by resource and reason.");
        _actions = Meter.CreateCounter<long>("dashboard.actions", "{action}",
            "Actions made through the dashboard (scale, restart, delete, apply...), by action and outcome (success, failure).");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter { get; }

    internal void WatchEvent(InformerKey key, string type) =>
        _watchEvents.Add(1, new KeyValuePair<string, object?>("resource", Resource(key)), new KeyValuePair<string, object?>("type", type));

    internal void Relist(InformerKey key, string reason) =>
        _relists.Add(1, new KeyValuePair<string, object?>("resource", Resource(key)), new KeyValuePair<string, object?>("reason", reason));

    internal void Action(string action, bool succeeded) =>
        _actions.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    internal void Track(ClusterCache cache)
    {
        lock (_gate) _caches.Add(cache);
    }

    internal void Untrack(ClusterCache cache)
    {
        lock (_gate) _caches.Remove(cache);
    }

    private static string Resource(InformerKey key) => key.Kind.Group.Length == 0 ? key.Kind.Plural : $"{key.Kind.Plural}.{key.Kind.Group}";

    private List<ResourceInformer> Informers()
    {
        List<ClusterCache> caches;
        lock (_gate) caches = [.. _caches];
        return caches.SelectMany(c => c.Informers).ToList();
    }

    private IEnumerable<Measurement<int>> ObserveInformers()
    {
        // Every state is reported, zeros included, so that a state that empties drops to 0 instead of vanishing.
        var counts = Informers().GroupBy(i => i.Status.State).ToDictionary(g => g.Key, g => g.Count());
        return States.Select(s => new Measurement<int>(counts.GetValueOrDefault(s), new KeyValuePair<string, object?>("state", StateName(s))));
    }

    private Measurement<long> ObserveObjects() => new(Informers().Sum(i => (long)i.Count));

    private Measurement<int> ObserveSubscriptions() => new(Informers().Sum(i => i.SubscriberCount));

#pragma warning disable CA1308 // state names are lower-case label values by convention.
    private static string StateName(InformerState state) => state.ToString().ToLowerInvariant();
#pragma warning restore CA1308

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();
}
