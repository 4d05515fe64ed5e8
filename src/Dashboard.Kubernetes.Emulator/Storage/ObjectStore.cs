using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Storage;

/// <summary>
/// The emulator's etcd: every object of every resource, one global resourceVersion counter, a bounded history of
/// changes for watches, and the watchers themselves. All writes take one lock so that resourceVersions and the order
/// in which watchers see events always agree.
/// </summary>
public sealed class ObjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _data = new(StringComparer.Ordinal);
    private readonly Queue<StoredEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private long _rv;
    private long _compactedThrough;

    /// <summary>Creates a store keeping at most <paramref name="historySize"/> events for watches.</summary>
    public ObjectStore(int historySize = 20_000) => HistorySize = historySize;

    /// <summary>How many past events watches can resume from.</summary>
    public int HistorySize { get; }

    /// <summary>The latest resourceVersion handed out.</summary>
    public long CurrentResourceVersion { get { lock (_gate) return _rv; } }

    /// <summary>The newest resourceVersion that is no longer in the watch history (watching from it or older gives 410).</summary>
    public long CompactedThrough { get { lock (_gate) return _compactedThrough; } }

    /// <summary>Gets one object, or null.</summary>
    public StoredObject? Get(ResourceType rt, string ns, string name)
    {
        lock (_gate)
            return Bucket(rt).TryGetValue(StoredObject.StoreKey(ns, name), out var o) ? o : null;
    }

    /// <summary>Counts the objects of a resource (optionally in one namespace).</summary>
    public int Count(ResourceType rt, string? ns = null)
    {
        lock (_gate)
            return ns is null ? Bucket(rt).Count : Bucket(rt).Values.Count(o => o.Namespace == ns);
    }

    /// <summary>Lists objects in key order, starting after <paramref name="afterKey"/>, with the resourceVersion of the read.</summary>
    public (List<StoredObject> Items, long ResourceVersion) List(ResourceType rt, string? ns, string? afterKey = null, Func<StoredObject, bool>? filter = null, int limit = 0)
    {
        lock (_gate)
        {
            var result = new List<StoredObject>();
            foreach (var (key, obj) in Bucket(rt))
            {
                if (afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0) continue;
                if (ns is not null && obj.Namespace != ns) continue;
                if (filter is not null && !filter(obj)) continue;
                result.Add(obj);
                if (limit > 0 && result.Count > limit) break; // one extra tells the caller there is more
            }
            return (result, _rv);
        }
    }

    /// <summary>Stores a new object. Fails with AlreadyExists when the name is taken.</summary>
    public StoredObject Create(ResourceType rt, JsonObject obj)
    {
        lock (_gate)
        {
            var bucket = Bucket(rt);
            var key = StoredObject.StoreKey(obj.Namespace(), obj.Name());
            if (bucket.ContainsKey(key)) throw ApiException.AlreadyExists(rt, obj.Name());
            var stored = Stamp(rt, obj);
            bucket[key] = stored;
            Publish(new StoredEvent(WatchEventType.Added, stored));
            return stored;
        }
    }

    /// <summary>
    /// Replaces an object. When <paramref name="expectedResourceVersion"/> is given it must match the stored one
    /// (optimistic concurrency); otherwise the write is unconditional.
    /// </summary>
    public StoredObject Update(ResourceType rt, JsonObject obj, long? expectedResourceVersion)
    {
        lock (_gate)
        {
            var bucket = Bucket(rt);
            var key = StoredObject.StoreKey(obj.Namespace(), obj.Name());
            if (!bucket.TryGetValue(key, out var current)) throw ApiException.NotFound(rt, obj.Name());
            if (expectedResourceVersion is { } expected && expected != current.ResourceVersion)
                throw ApiException.StaleResourceVersion(rt, obj.Name());
            var stored = Stamp(rt, obj);
            bucket[key] = stored;
            Publish(new StoredEvent(WatchEventType.Modified, stored, current));
            return stored;
        }
    }

    /// <summary>Removes an object, returning its last state (with a fresh resourceVersion, as the DELETED event carries).</summary>
    public StoredObject Delete(ResourceType rt, string ns, string name, long? expectedResourceVersion = null)
    {
        lock (_gate)
        {
            var bucket = Bucket(rt);
            var key = StoredObject.StoreKey(ns, name);
            if (!bucket.TryGetValue(key, out var current)) throw ApiException.NotFound(rt, name);
            if (expectedResourceVersion is { } expected && expected != current.ResourceVersion)
                throw ApiException.StaleResourceVersion(rt, name);
            bucket.Remove(key);
            var last = Stamp(rt, current.ToJson());
            Publish(new StoredEvent(WatchEventType.Deleted, last));
            return last;
        }
    }

    /// <summary>
    /// Starts a watch. With <paramref name="fromResourceVersion"/> null or 0 the watcher first receives ADDED for every
    /// current object that passes <paramref name="filter"/>; otherwise the events after that version from the history,
    /// or <see cref="ApiException"/> 410 when they are no longer kept. Snapshot and registration happen under one lock.
    /// </summary>
    public WatchSubscription Watch(ResourceType? rt, string? ns, long? fromResourceVersion, Func<StoredObject, bool>? filter = null)
    {
        lock (_gate)
        {
            var watcher = new Watcher(this, rt?.Key, ns, filter);
            if (fromResourceVersion is null or 0)
            {
                if (rt is not null)
                    foreach (var obj in Bucket(rt).Values)
                        watcher.Offer(new StoredEvent(WatchEventType.Added, obj));
            }
            else
            {
                var from = fromResourceVersion.Value;
                if (from < _compactedThrough)
                    throw ApiException.Expired($"too old resource version: {from} ({_compactedThrough + 1})");
                foreach (var e in _history)
                    if (e.Object.ResourceVersion > from) watcher.Offer(e);
            }
            _watchers.Add(watcher);
            return new WatchSubscription(watcher, _rv);
        }
    }

    /// <summary>Drops all history so that every resume gives 410 (for fault injection).</summary>
    public void CompactAll()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedThrough = _rv;
        }
    }

    /// <summary>Closes every open watch (for fault injection: a dropped connection).</summary>
    public void DropAllWatches()
    {
        lock (_gate)
        {
            foreach (var w in _watchers.ToList()) w.Complete();
        }
    }

    /// <summary>Resource keys that currently hold objects.</summary>
    public IReadOnlyList<string> Keys() { lock (_gate) return _data.Keys.ToList(); }

    private StoredObject Stamp(ResourceType rt, JsonObject obj)
    {
        var rv = ++_rv;
        obj.Meta()["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject(rt, obj, rv);
    }

    private SortedDictionary<string, StoredObject> Bucket(ResourceType rt)
    {
        if (!_data.TryGetValue(rt.Key, out var b))
        {
            b = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _data[rt.Key] = b;
        }
        return b;
    }

    private void Publish(StoredEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > HistorySize) _compactedThrough = _history.Dequeue().Object.ResourceVersion;
        foreach (var w in _watchers) w.Offer(e);
    }

    private void Remove(Watcher w)
    {
        lock (_gate) _watchers.Remove(w);
    }

    internal sealed class Watcher(ObjectStore store, string? key, string? ns, Func<StoredObject, bool>? filter)
    {
        private readonly Channel<StoredEvent> _channel = Channel.CreateUnbounded<StoredEvent>(new UnboundedChannelOptions { SingleReader = true });

        public ChannelReader<StoredEvent> Reader => _channel.Reader;

        public void Offer(StoredEvent e)
        {
            if (key is not null && e.Object.Type.Key != key) return;
            if (ns is not null && e.Object.Namespace != ns) return;
            if (filter is not null)
            {
                var now = filter(e.Object);
                var before = e.Previous is not null && filter(e.Previous);
                // As in the real watch cache: an object entering the selection is ADDED, one leaving it is DELETED.
                if (e.Type == WatchEventType.Modified && now != before)
                    e = now ? e with { Type = WatchEventType.Added } : e with { Type = WatchEventType.Deleted };
                else if (!now) return;
            }
            _channel.Writer.TryWrite(e);
        }

        public void Complete() => _channel.Writer.TryComplete();

        public void Close()
        {
            Complete();
            store.Remove(this);
        }
    }
}

/// <summary>An open watch on the store. Dispose it to stop receiving events.</summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly ObjectStore.Watcher _watcher;

    internal WatchSubscription(ObjectStore.Watcher watcher, long startResourceVersion)
    {
        _watcher = watcher;
        StartResourceVersion = startResourceVersion;
    }

    /// <summary>The store's resourceVersion when the watch began.</summary>
    public long StartResourceVersion { get; }

    /// <summary>The events, in order. Completes when the watch is dropped.</summary>
    public ChannelReader<StoredEvent> Events => _watcher.Reader;

    /// <inheritdoc />
    public void Dispose() => _watcher.Close();
}
