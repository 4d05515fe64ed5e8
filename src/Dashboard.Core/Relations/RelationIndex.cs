using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

/// <summary>
/// Relations between objects, answered from indexes kept up to date one object at a time: by uid, by name, by owner
/// uid, by the names objects refer to, and pods by namespace and label. Feed it with <see cref="Load"/> (a
/// subscription's snapshot) and <see cref="Apply"/> (its change batches), or build it from a plain list with
/// <see cref="Of"/>. Queries cost what they return plus a lookup, never a scan of the whole cache. Thread-safe.
/// </summary>
/// <remarks>
/// A reference counts as missing only when its target's kind has been loaded for the target's namespace (or for all
/// namespaces): a kind the user cannot list yields <see cref="TargetState.Unknown"/>, never a false alarm.
/// Feed scopes that do not overlap (one namespace or all of them per kind): <see cref="Forget"/> removes a scope's objects.
/// </remarks>
public sealed partial class RelationIndex
{
    private const string AllNamespaces = "*";

    private readonly Lock _gate = new();
    private readonly bool _complete;
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<NameKey, Entry> _byName = [];
    private readonly Dictionary<KindKey, HashSet<string>> _byKind = [];
    private readonly Dictionary<string, HashSet<string>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<NameKey, HashSet<string>> _referrers = [];
    private readonly Dictionary<string, PodSet> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _selectors = new(StringComparer.Ordinal);
    private readonly HashSet<(KindKey Kind, string Namespace)> _loaded = [];
    private readonly Interner _pool = new();
    private long _version;

    /// <summary>An empty index; kinds count as known once loaded.</summary>
    public RelationIndex() { }

    private RelationIndex(bool complete) => _complete = complete;

    /// <summary>
    /// An index of a plain list of objects, taken as the whole world: a reference to anything not in the list is missing.
    /// </summary>
    public static RelationIndex Of(IEnumerable<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var index = new RelationIndex(complete: true);
        foreach (var o in objects) index.Upsert(o);
        return index;
    }

    /// <summary>Goes up by one on every change, so that a view can tell whether to query again.</summary>
    public long Version { get { lock (_gate) return _version; } }

    /// <summary>How many objects are indexed.</summary>
    public int Count { get { lock (_gate) return _byId.Count; } }

    /// <summary>Raised after every change, outside the lock; handlers must be quick and must not block.</summary>
    public event Action? Changed;

    /// <summary>
    /// Replaces the objects of a kind in one namespace (or all namespaces, when <paramref name="ns"/> is null) by a
    /// snapshot, and marks that scope as known in full.
    /// </summary>
    public void Load(ResourceKind kind, string? ns, IEnumerable<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(objects);
        lock (_gate)
        {
            RemoveScope(KindKey.Of(kind), ns);
            foreach (var o in objects) UpsertLocked(o, kind);
            _loaded.Add((KindKey.Of(kind), ns ?? AllNamespaces));
            _version++;
        }
        Changed?.Invoke();
    }

    /// <summary>Removes the objects of a kind in a scope and forgets that the scope was known (its subscription ended or was refused).</summary>
    public void Forget(ResourceKind kind, string? ns)
    {
        ArgumentNullException.ThrowIfNull(kind);
        lock (_gate)
        {
            RemoveScope(KindKey.Of(kind), ns);
            _loaded.Remove((KindKey.Of(kind), ns ?? AllNamespaces));
            _version++;
        }
        Changed?.Invoke();
    }

    /// <summary>
    /// Says whether a scope is known in full (its listing succeeded) or not (forbidden, failed), without touching its
    /// objects. <see cref="Load"/> marks a scope known; a feed calls this as its subscription's status changes.
    /// </summary>
    public void SetLoaded(ResourceKind kind, string? ns, bool loaded)
    {
        ArgumentNullException.ThrowIfNull(kind);
        bool changed;
        lock (_gate)
        {
            var scope = (KindKey.Of(kind), ns ?? AllNamespaces);
            changed = loaded ? _loaded.Add(scope) : _loaded.Remove(scope);
            if (changed) _version++;
        }
        if (changed) Changed?.Invoke();
    }

    /// <summary>Applies a subscription's changes.</summary>
    public void Apply(IEnumerable<CacheChange> changes, ResourceKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            foreach (var change in changes)
            {
                if (change.Type == ChangeType.Deleted) RemoveLocked(change.Object, kind);
                else UpsertLocked(change.Object, kind);
            }
            _version++;
        }
        Changed?.Invoke();
    }

    /// <summary>Adds or replaces one object.</summary>
    public void Upsert(KubeObject obj, ResourceKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (_gate)
        {
            UpsertLocked(obj, kind);
            _version++;
        }
        Changed?.Invoke();
    }

    /// <summary>Removes one object (by uid, or by kind, namespace and name); false when it was not indexed.</summary>
    public bool Remove(KubeObject obj, ResourceKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        bool removed;
        lock (_gate)
        {
            removed = RemoveLocked(obj, kind);
            _version++;
        }
        Changed?.Invoke();
        return removed;
    }

    /// <summary>True when the kind's objects in the namespace are all indexed, so that an absent one is known to be missing.</summary>
    public bool IsLoaded(string apiVersionOrGroup, string kind, string? ns)
    {
        ArgumentNullException.ThrowIfNull(apiVersionOrGroup);
        var group = apiVersionOrGroup.Contains('/', StringComparison.Ordinal) ? ObjectRef.GroupOf(apiVersionOrGroup)
            : apiVersionOrGroup == "v1" ? "" : apiVersionOrGroup;
        lock (_gate) return IsLoadedLocked(new KindKey(group, kind), ns ?? "");
    }

    private bool IsLoadedLocked(KindKey kind, string ns) =>
        _complete || _loaded.Contains((kind, AllNamespaces)) || _loaded.Contains((kind, ns));

    private void UpsertLocked(KubeObject obj, ResourceKind? kind)
    {
        var entry = Entry.Create(obj, kind, _pool);
        if (_byId.TryGetValue(entry.Id, out var old)) Unindex(old);
        // The same name under a new uid: the old object was deleted and recreated while we were not looking.
        if (_byName.TryGetValue(entry.Key, out var stale)) Unindex(stale);
        Index(entry);
    }

    private bool RemoveLocked(KubeObject obj, ResourceKind? kind)
    {
        var probe = Entry.Create(obj, kind);
        if (_byId.TryGetValue(probe.Id, out var entry) || _byName.TryGetValue(probe.Key, out entry))
        {
            Unindex(entry);
            return true;
        }
        return false;
    }

    private void RemoveScope(KindKey kind, string? ns)
    {
        if (!_byKind.TryGetValue(kind, out var ids)) return;
        foreach (var id in ids.ToList())
            if (ns is null || _byId[id].Key.Namespace == ns) Unindex(_byId[id]);
    }

    private void Index(Entry e)
    {
        _byId[e.Id] = e;
        _byName[e.Key] = e;
        Add(_byKind, e.Key.KindKey, e.Id);
        foreach (var owner in e.Owners)
            if (owner.Uid.Length > 0) Add(_children, owner.Uid, e.Id);
        foreach (var r in e.References) Add(_referrers, NameKey.Of(r.Target), e.Id);
        if (e.Selector is not null) Add(_selectors, e.Key.Namespace, e.Id);
        if (e.PodLabels is not null)
        {
            if (!_pods.TryGetValue(e.Key.Namespace, out var set)) _pods[e.Key.Namespace] = set = new PodSet();
            set.Add(e.Id, e.PodLabels);
        }
    }

    private void Unindex(Entry e)
    {
        _byId.Remove(e.Id);
        if (_byName.TryGetValue(e.Key, out var named) && ReferenceEquals(named, e)) _byName.Remove(e.Key);
        Drop(_byKind, e.Key.KindKey, e.Id);
        foreach (var owner in e.Owners)
            if (owner.Uid.Length > 0) Drop(_children, owner.Uid, e.Id);
        foreach (var r in e.References) Drop(_referrers, NameKey.Of(r.Target), e.Id);
        if (e.Selector is not null) Drop(_selectors, e.Key.Namespace, e.Id);
        if (e.PodLabels is not null && _pods.TryGetValue(e.Key.Namespace, out var set))
        {
            set.Remove(e.Id, e.PodLabels);
            if (set.Count == 0) _pods.Remove(e.Key.Namespace);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, HashSet<string>> map, TKey key, string id) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(id);
    }

    private static void Drop<TKey>(Dictionary<TKey, HashSet<string>> map, TKey key, string id) where TKey : notnull
    {
        if (map.TryGetValue(key, out var set) && set.Remove(id) && set.Count == 0) map.Remove(key);
    }
}
