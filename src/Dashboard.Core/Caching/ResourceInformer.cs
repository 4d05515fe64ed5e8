using Dashboard.Core.Subscriptions;
using Dashboard.Core.Telemetry;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Caching;

/// <summary>
/// List-then-watch for one <see cref="InformerKey"/>: a paged list, then a watch from the list's resourceVersion with
/// bookmarks; ADDED/MODIFIED upsert by uid, DELETED removes; a 410 or a lost watch relists with jittered backoff and
/// tells subscribers exactly what changed in between. A 403 is reported and retried rarely; a 401 stops it.
/// </summary>
public sealed class ResourceInformer : IAsyncDisposable
{
    private readonly object _gate = new();
    // Objects are kept as compact UTF-8 JSON (about 2.5 KB per pod instead of ~17 KB as a parsed tree); see Cached.
    private Dictionary<string, Cached> _items = new(StringComparer.Ordinal);
    private readonly List<ChangeQueue> _subscribers = [];
    private readonly KubeApiClient _client;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly DashboardMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstSync = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private InformerStatus _status;

    /// <summary>Creates an informer (not started).</summary>
    public ResourceInformer(InformerKey key, KubeApiClient client, InformerOptions options, ILogger logger, DashboardMetrics? metrics = null)
    {
        _metrics = metrics ?? DashboardMetrics.Shared;
        Key = key;
        _client = client;
        _options = options;
        _logger = logger;
        _status = new InformerStatus(InformerState.Syncing, null, options.Time.GetUtcNow());
    }

    /// <summary>What is watched.</summary>
    public InformerKey Key { get; }

    /// <summary>The current status.</summary>
    public InformerStatus Status { get { lock (_gate) return _status; } }

    /// <summary>Raised (outside locks) when the status changes.</summary>
    public event Action<ResourceInformer, InformerStatus>? StatusChanged;

    /// <summary>Objects currently cached.</summary>
    public int Count { get { lock (_gate) return _items.Count; } }

    /// <summary>Open subscriptions.</summary>
    public int SubscriberCount { get { lock (_gate) return _subscribers.Count; } }

    /// <summary>Starts listing and watching.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Completes after the first list succeeded, or the informer found it may not list (403/401).</summary>
    public Task FirstSync => _firstSync.Task;

    /// <summary>A copy of the cached objects and a queue registered in the same instant, so nothing falls between them.</summary>
    internal (IReadOnlyList<KubeObject> Snapshot, InformerStatus Status, ChangeQueue Queue) Subscribe()
    {
        lock (_gate)
        {
            var queue = new ChangeQueue(_status);
            _subscribers.Add(queue);
            return (new Snapshot([.. _items.Values]), _status, queue);
        }
    }

    internal void Unsubscribe(ChangeQueue queue)
    {
        lock (_gate) _subscribers.Remove(queue);
        queue.Complete();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        string? relist = null; // why the next list is a relist (null: the first list)
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (relist is not null) _metrics.Relist(Key, relist);
                relist = "error";
                var (items, resourceVersion) = await ListAsync(ct).ConfigureAwait(false);
                Replace(items);
                SetStatus(InformerState.Live, null);
                _firstSync.TrySetResult();
                failures = 0;
                await WatchAsync(resourceVersion, ct).ConfigureAwait(false);
                relist = "expired";
                // The watch ended with 410 (or before any version was seen): relist soon, with a little jitter so
                // that many informers expiring together do not relist in the same instant.
                await Task.Delay(Jitter(TimeSpan.FromMilliseconds(200)), _options.Time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (KubeApiException e) when (e.IsUnauthorized)
            {
                SetStatus(InformerState.Unauthorized, e.Message);
                _firstSync.TrySetResult();
                return; // a rejected credential does not heal by retrying: the user has to sign in again
            }
            catch (KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                SetStatus(InformerState.Invalid, e.Message);
                _firstSync.TrySetResult();
                return; // a malformed selector stays malformed: the page shows why instead of retrying
            }
            catch (KubeApiException e) when (e.IsForbidden)
            {
                SetStatus(InformerState.Forbidden, e.Message);
                _firstSync.TrySetResult();
                relist = "forbidden";
                await Delay(Jitter(_options.ForbiddenRetry), ct).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any failure of the loop must become a status and a retry, never a dead informer.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                _logger.LogWarning("informer {Key}: {Error}; retrying", Key, e.Message);
                SetStatus(InformerState.Reconnecting, e.Message);
                // Subscribers waiting for a first list get an empty snapshot with the error rather than hanging.
                _firstSync.TrySetResult();
                var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks << Math.Min(failures - 1, 16)));
                await Delay(Jitter(backoff), ct).ConfigureAwait(false);
            }
        }
        SetStatus(InformerState.Stopped, null);
    }

    private async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, _options.Time, ct).ConfigureAwait(false); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task WatchAsync(string resourceVersion, CancellationToken ct)
    {
        var options = new WatchOptions { ResourceVersion = resourceVersion, LabelSelector = Key.LabelSelector, FieldSelector = Key.FieldSelector, Timeout = _options.WatchTimeout };
        await foreach (var e in _client.WatchAsync(Key.Kind, Key.Namespace, options, ct).ConfigureAwait(false))
        {
            _metrics.WatchEvent(Key, e.Type switch
            {
                WatchEventType.Added => "added",
                WatchEventType.Modified => "modified",
                WatchEventType.Deleted => "deleted",
                WatchEventType.Bookmark => "bookmark",
                WatchEventType.Expired => "expired",
                WatchEventType.Error => "error",
                _ => "malformed",
            });
            switch (e.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    Upsert(e.Object!);
                    break;
                case WatchEventType.Deleted:
                    Remove(e.Object!);
                    break;
                case WatchEventType.Expired:
                    return;
                case WatchEventType.Error:
                    throw new KubeApiException(System.Net.HttpStatusCode.InternalServerError, "WatchError", e.Message ?? "watch error");
                case WatchEventType.Malformed:
                    _logger.LogWarning("informer {Key}: {Message}", Key, e.Message);
                    break;
            }
        }
    }

    /// <summary>
    /// A paged list, kept page by page as bytes: a page's parsed tree (500 objects) is garbage before the next page
    /// arrives, so a sync of 30,000 pods never holds 30,000 trees at once.
    /// </summary>
    private async Task<(Dictionary<string, Cached> Items, string ResourceVersion)> ListAsync(CancellationToken ct)
    {
        var items = new Dictionary<string, Cached>(StringComparer.Ordinal);
        string? rv = null;
        string? next = null;
        do
        {
            var page = await _client.ListAsync(Key.Kind, Key.Namespace, new ListOptions { LabelSelector = Key.LabelSelector, FieldSelector = Key.FieldSelector, Limit = _options.PageSize, Continue = next }, ct)
                .ConfigureAwait(false);
            foreach (var raw in page.Items)
            {
                var obj = LeanObjects.Slim(raw);
                items[obj.Uid] = new Cached(obj.ToUtf8(), obj.ResourceVersion);
            }
            rv ??= page.ResourceVersion;
            next = page.Continue;
        } while (next is not null);
        return (items, rv ?? "");
    }

    private void Upsert(KubeObject obj)
    {
        obj = LeanObjects.Slim(obj);
        var cached = new Cached(obj.ToUtf8(), obj.ResourceVersion);
        lock (_gate)
        {
            var type = _items.ContainsKey(obj.Uid) ? ChangeType.Modified : ChangeType.Added;
            _items[obj.Uid] = cached;
            Publish(new CacheChange(type, obj));
        }
    }

    private void Remove(KubeObject obj)
    {
        lock (_gate)
        {
            if (_items.Remove(obj.Uid)) Publish(new CacheChange(ChangeType.Deleted, LeanObjects.Slim(obj)));
        }
    }

    /// <summary>After a (re)list: publish exactly the differences from what subscribers already have.</summary>
    private void Replace(Dictionary<string, Cached> fresh)
    {
        lock (_gate)
        {
            var old = _items;
            _items = fresh;
            if (_subscribers.Count == 0) return;
            foreach (var (uid, entry) in fresh)
            {
                if (!old.TryGetValue(uid, out var before)) Publish(new CacheChange(ChangeType.Added, entry.Object()));
                else if (before.ResourceVersion != entry.ResourceVersion) Publish(new CacheChange(ChangeType.Modified, entry.Object()));
            }
            foreach (var (uid, gone) in old)
                if (!fresh.ContainsKey(uid)) Publish(new CacheChange(ChangeType.Deleted, gone.Object()));
        }
    }

    private void Publish(CacheChange change)
    {
        foreach (var s in _subscribers) s.Offer(change);
    }

    private void SetStatus(InformerState state, string? error)
    {
        InformerStatus status;
        lock (_gate)
        {
            if (_status.State == state && _status.Error == error) return;
            status = _status = new InformerStatus(state, error, _options.Time.GetUtcNow());
            foreach (var s in _subscribers) s.OfferStatus(status);
        }
        StatusChanged?.Invoke(this, status);
    }

    private static TimeSpan Jitter(TimeSpan d) => TimeSpan.FromTicks((long)(d.Ticks * (0.8 + Random.Shared.NextDouble() * 0.4)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try { await _loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        lock (_gate)
        {
            foreach (var s in _subscribers) s.Complete();
            _subscribers.Clear();
        }
        _firstSync.TrySetResult();
        _stop.Dispose();
    }

    /// <summary>
    /// One cached object: its bytes, its resourceVersion (to diff relists without parsing) and, while anyone still
    /// holds it, the parsed object handed out last, so that concurrent viewers share one parsed tree and the cache
    /// falls back to bytes alone once they let go.
    /// </summary>
    private sealed class Cached(byte[] utf8, string? resourceVersion)
    {
        private WeakReference<KubeObject>? _shared;

        public string? ResourceVersion { get; } = resourceVersion;

        public KubeObject Object()
        {
            lock (this)
            {
                if (_shared is not null && _shared.TryGetTarget(out var alive)) return alive;
                var obj = KubeObject.FromUtf8(utf8);
                if (_shared is null) _shared = new WeakReference<KubeObject>(obj);
                else _shared.SetTarget(obj);
                return obj;
            }
        }
    }

    /// <summary>
    /// The objects at subscription, parsed when read: a page that projects rows and keeps only the rows never holds
    /// 30,000 parsed trees; one that keeps objects holds exactly those.
    /// </summary>
    private sealed class Snapshot(Cached[] entries) : IReadOnlyList<KubeObject>
    {
        public KubeObject this[int index] => entries[index].Object();

        public int Count => entries.Length;

        public IEnumerator<KubeObject> GetEnumerator()
        {
            foreach (var e in entries) yield return e.Object();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
