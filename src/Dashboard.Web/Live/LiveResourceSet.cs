using Dashboard.Core.Caching;
using Dashboard.Core.Subscriptions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Live;

/// <summary>
/// The objects of one or more informer keys (one per selected namespace, or one for all), kept current from their
/// subscriptions. The pump runs off the UI: it applies each batch under a lock and raises <see cref="Changed"/>; the
/// owning component re-renders inside InvokeAsync. Dispose stops every subscription.
/// </summary>
public sealed class LiveResourceSet : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, KubeObject> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<InformerKey, InformerStatus> _status = [];
    private readonly Dictionary<InformerKey, string> _errors = [];
    private readonly List<Subscription> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private long _version;

    /// <summary>Raised after each applied batch (on a pool thread).</summary>
    public event Action? Changed;

    /// <summary>Grows with every applied change; lets views skip work when nothing changed.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The current objects (a copy).</summary>
    public IReadOnlyList<KubeObject> Items { get { lock (_gate) return [.. _byUid.Values]; } }

    /// <summary>The number of objects.</summary>
    public int Count { get { lock (_gate) return _byUid.Count; } }

    /// <summary>The object with a uid, if present.</summary>
    public KubeObject? Find(string uid) { lock (_gate) return _byUid.GetValueOrDefault(uid); }

    /// <summary>The least healthy status among the keys, with its error (for the status bar).</summary>
    public InformerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status.Values.OrderByDescending(s => Rank(s.State)).FirstOrDefault()
                    ?? new InformerStatus(InformerState.Syncing, null, DateTimeOffset.UtcNow);
            }
        }
    }

    private static int Rank(InformerState s) => s switch
    {
        InformerState.Unauthorized => 6,
        InformerState.Invalid => 5,
        InformerState.Forbidden => 4,
        InformerState.Reconnecting => 3,
        InformerState.Syncing => 2,
        InformerState.Stopped => 1,
        _ => 0,
    };

    /// <summary>Subscribes to every key and starts pumping their changes. A key that fails leaves its error in <see cref="Status"/>.</summary>
    public async Task StartAsync(ClusterCache cache, IEnumerable<InformerKey> keys, CancellationToken ct = default)
    {
        foreach (var key in keys)
        {
            Subscription subscription;
            try
            {
                subscription = await cache.SubscribeAsync(key, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (_gate) _status[key] = new InformerStatus(InformerState.Forbidden, e.Message, DateTimeOffset.UtcNow);
                continue;
            }
            lock (_gate)
            {
                if (_stop.IsCancellationRequested) { _ = subscription.DisposeAsync().AsTask(); return; }
                _subscriptions.Add(subscription);
                _status[key] = subscription.Status;
                foreach (var o in subscription.Snapshot) _byUid[o.Uid] = o;
                _version++;
                _pumps.Add(PumpAsync(subscription));
            }
        }
        Changed?.Invoke();
    }

    private async Task PumpAsync(Subscription subscription)
    {
        try
        {
            await foreach (var batch in subscription.Changes(_stop.Token).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    _status[subscription.Key] = batch.Status;
                    foreach (var change in batch.Changes)
                    {
                        if (change.Type == ChangeType.Deleted) _byUid.Remove(change.Uid);
                        else _byUid[change.Uid] = change.Object;
                    }
                    _version++;
                }
                Changed?.Invoke();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<Subscription> subscriptions;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }
        foreach (var s in subscriptions) await s.DisposeAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_pumps).ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
