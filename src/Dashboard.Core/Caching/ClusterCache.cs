using Dashboard.Core.Subscriptions;
using Dashboard.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Caching;

/// <summary>
/// The live cache: one informer per <see cref="InformerKey"/>, started by its first subscriber and stopped a grace
/// period after its last one left. N viewers of the same list with the same identity cost one LIST and one WATCH.
/// </summary>
public sealed class ClusterCache : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<InformerKey, Entry> _entries = [];
    private readonly KubeClientPool _clients;
    private readonly InformerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly DashboardMetrics _metrics;

    /// <summary>Creates the cache over a client pool; it reports to <paramref name="metrics"/> (default: <see cref="DashboardMetrics.Shared"/>).</summary>
    public ClusterCache(KubeClientPool clients, InformerOptions? options = null, ILoggerFactory? loggers = null, DashboardMetrics? metrics = null)
    {
        _clients = clients;
        _metrics = metrics ?? DashboardMetrics.Shared;
        _metrics.Track(this);
        _options = options ?? new InformerOptions();
        _loggers = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _clients.IdentityForgotten += (cluster, identity) => _ = StopIdentityAsync(cluster, identity);
    }

    /// <summary>Raised when an informer's status changes (e.g. Unauthorized: the identity must sign in again).</summary>
    public event Action<InformerKey, InformerStatus>? StatusChanged;

    /// <summary>Keys with a running informer.</summary>
    public IReadOnlyList<InformerKey> ActiveKeys { get { lock (_gate) return _entries.Keys.ToList(); } }

    internal IReadOnlyList<ResourceInformer> Informers { get { lock (_gate) return _entries.Values.Select(e => e.Informer).ToList(); } }

    /// <summary>
    /// Subscribes to a key: starts its informer if needed, waits for its first list (or its failure), then returns the
    /// snapshot and the stream of changes taken atomically.
    /// </summary>
    public async Task<Subscription> SubscribeAsync(InformerKey key, CancellationToken ct = default)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                var informer = new ResourceInformer(key, _clients.Get(key.Cluster, key.Identity), _options, _loggers.CreateLogger<ResourceInformer>(), _metrics);
                informer.StatusChanged += (i, s) => StatusChanged?.Invoke(i.Key, s);
                entry = new Entry(informer);
                _entries[key] = entry;
                informer.Start();
            }
            entry.References++;
            entry.PendingStop?.Cancel();
            entry.PendingStop?.Dispose();
            entry.PendingStop = null;
        }
        try
        {
            await entry.Informer.FirstSync.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseAsync(key, entry).ConfigureAwait(false);
            throw;
        }
        var (snapshot, status, queue) = entry.Informer.Subscribe();
        return new Subscription(key, snapshot, status, queue, _options, async s =>
        {
            entry.Informer.Unsubscribe(s.Queue);
            await ReleaseAsync(key, entry).ConfigureAwait(false);
        });
    }

    private ValueTask ReleaseAsync(InformerKey key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.References > 0 || !_entries.TryGetValue(key, out var current) || current != entry) return ValueTask.CompletedTask;
            var cts = new CancellationTokenSource();
            entry.PendingStop = cts;
            _ = StopLaterAsync(key, entry, cts);
        }
        return ValueTask.CompletedTask;
    }

    private async Task StopLaterAsync(InformerKey key, Entry entry, CancellationTokenSource pending)
    {
        try { await Task.Delay(_options.GracePeriod, _options.Time, pending.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; } // a new subscriber came back in time (and disposed it)
        lock (_gate)
        {
            if (entry.PendingStop == pending)
            {
                pending.Dispose();
                entry.PendingStop = null;
            }
            if (entry.References > 0 || !_entries.Remove(key)) return;
        }
        await entry.Informer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops every informer of an identity at once (sign-out, revoked or expired token).</summary>
    public async Task StopIdentityAsync(string cluster, string identity)
    {
        List<Entry> stopping;
        lock (_gate)
        {
            var keys = _entries.Keys.Where(k => k.Cluster == cluster && k.Identity == identity).ToList();
            stopping = keys.Select(k => _entries[k]).ToList();
            foreach (var k in keys) _entries.Remove(k);
        }
        foreach (var e in stopping) await e.Informer.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _metrics.Untrack(this);
        List<Entry> all;
        lock (_gate)
        {
            all = [.. _entries.Values];
            _entries.Clear();
            // A pending stop's timer would keep its informer (and every cached object) reachable until it fires.
            foreach (var e in all) e.PendingStop?.Cancel();
        }
        foreach (var e in all) await e.Informer.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Entry(ResourceInformer informer)
    {
        public ResourceInformer Informer { get; } = informer;
        public int References { get; set; }
        public CancellationTokenSource? PendingStop { get; set; }
    }
}
