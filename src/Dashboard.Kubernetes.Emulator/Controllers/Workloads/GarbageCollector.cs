using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The garbage collector: a graph of owner uids to dependents kept from one watch on every resource, which deletes
/// dependents whose owners are gone (Background), deletes blocking dependents before the owner's
/// <c>foregroundDeletion</c> finalizer is lifted (Foreground), and strips owner references before lifting <c>orphan</c> (Orphan).
/// </summary>
internal sealed class GarbageCollector : IController
{
    private const string Orphan = "orphan";
    private const string Foreground = "foregroundDeletion";
    private static readonly byte[] OwnerReferencesBytes = "\"ownerReferences\""u8.ToArray();
    private static readonly byte[] DeletionBytes = "\"deletionTimestamp\""u8.ToArray();

    private readonly EmulatorContext _context;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);

    public GarbageCollector(EmulatorContext context)
    {
        _context = context;
        _logger = context.Logger<GarbageCollector>();
    }

    private sealed record Node(ResourceType Type, string Namespace, string Name, IReadOnlyList<(string Uid, bool Block)> Owners);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var store = _context.Store;
        var from = store.CurrentResourceVersion;
        using var watch = store.Watch(null, null, from == 0 ? null : from);
        foreach (var rt in _context.Catalog.Types.Where(t => !t.IsVirtual))
            foreach (var o in store.List(rt, null).Items) Observe(new StoredEvent(WatchEventType.Added, o));
        try
        {
            await Task.WhenAll(PumpAsync(watch, cancellationToken), WorkAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAsync(WatchSubscription watch, CancellationToken ct)
    {
        await foreach (var e in watch.Events.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (e.Object.Type.IsVirtual) continue;
            Observe(e);
        }
    }

    private void Observe(StoredEvent e)
    {
        var o = e.Object;
        var bytes = o.Bytes.AsSpan();
        var owners = bytes.IndexOf(OwnerReferencesBytes) >= 0 ? OwnersOf(o.ToJson()) : [];
        var deleting = bytes.IndexOf(DeletionBytes) >= 0;
        lock (_gate)
        {
            _nodes.TryGetValue(o.Uid, out var previous);
            if (previous is not null)
                foreach (var (owner, _) in previous.Owners) Unlink(owner, o.Uid);
            if (e.Type == WatchEventType.Deleted)
            {
                _nodes.Remove(o.Uid);
                if (_dependents.TryGetValue(o.Uid, out var deps))
                    foreach (var d in deps) Enqueue("D|" + d);
                foreach (var (owner, _) in owners) Enqueue("F|" + owner);
                return;
            }
            _nodes[o.Uid] = new Node(o.Type, o.Namespace, o.Name, owners);
            foreach (var (owner, _) in owners) Link(owner, o.Uid);
            var ownersChanged = previous is null || !previous.Owners.SequenceEqual(owners);
            if (owners.Count > 0 && ownersChanged) Enqueue("D|" + o.Uid);
            if (deleting) Enqueue("F|" + o.Uid);
        }
    }

    private static List<(string Uid, bool Block)> OwnersOf(JsonObject obj) =>
        obj.Items("metadata.ownerReferences").Select(r => (r.Str("uid") ?? "", r.Bool("blockOwnerDeletion") == true)).ToList();

    private void Link(string owner, string dependent)
    {
        if (!_dependents.TryGetValue(owner, out var set)) _dependents[owner] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(dependent);
    }

    private void Unlink(string owner, string dependent)
    {
        if (_dependents.TryGetValue(owner, out var set) && set.Remove(dependent) && set.Count == 0) _dependents.Remove(owner);
    }

    private void Enqueue(string item)
    {
        lock (_queued)
            if (!_queued.Add(item)) return;
        _queue.Writer.TryWrite(item);
    }

    private void EnqueueLater(string item, CancellationToken ct) =>
        _ = Task.Delay(100, ct).ContinueWith(_ => Enqueue(item), ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            lock (_queued) _queued.Remove(item);
            try
            {
                if (item.StartsWith("D|", StringComparison.Ordinal)) AttemptToDelete(item[2..]);
                else ProcessDeleting(item[2..]);
            }
            catch (ApiException e) when (e.Code is 409 or 404)
            {
                EnqueueLater(item, ct);
            }
#pragma warning disable CA1031 // The collector must outlive any single failure, like the real one.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "garbage collection of {Item} failed", item);
                EnqueueLater(item, ct);
            }
        }
    }

    private (StoredObject Stored, JsonObject Obj)? Load(string uid)
    {
        Node? node;
        lock (_gate) _nodes.TryGetValue(uid, out node);
        if (node is null) return null;
        var stored = _context.Store.Get(node.Type, node.Namespace, node.Name);
        return stored is null || stored.Uid != uid ? null : (stored, stored.ToJson());
    }

    private enum OwnerState { Solid, Waiting, Dangling, Unknown }

    private OwnerState StateOf(JsonObject ownerRef, string ns)
    {
        var apiVersion = ownerRef.Str("apiVersion") ?? "";
        var kind = ownerRef.Str("kind") ?? "";
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        // A reference written against another version of the kind still names the same object.
        var rt = _context.Catalog.FindByKind(apiVersion, kind)
                 ?? _context.Catalog.Types.FirstOrDefault(t => t.Kind == kind && t.Group == group && !t.IsVirtual);
        if (rt is null) return OwnerState.Unknown;
        var stored = _context.Store.Get(rt, rt.Namespaced ? ns : "", ownerRef.Str("name") ?? "");
        if (stored is null || stored.Uid != ownerRef.Str("uid")) return OwnerState.Dangling;
        var owner = stored.ToJson();
        return owner.At("metadata.deletionTimestamp") is not null && HasFinalizer(owner, Foreground) ? OwnerState.Waiting : OwnerState.Solid;
    }

    /// <summary>Deletes a dependent whose owners are all gone (or waiting on their dependents), or drops dangling references.</summary>
    private void AttemptToDelete(string uid)
    {
        if (Load(uid) is not var (stored, obj)) return;
        var refs = obj.Items("metadata.ownerReferences").ToList();
        if (refs.Count == 0) return;
        var states = refs.Select(r => (Ref: r, State: StateOf(r, stored.Namespace))).ToList();
        if (states.Any(s => s.State is OwnerState.Solid or OwnerState.Unknown))
        {
            var gone = states.Where(s => s.State is OwnerState.Dangling or OwnerState.Waiting).Select(s => s.Ref.Str("uid")).ToHashSet();
            if (gone.Count == 0) return;
            RemoveOwnerRefs(stored.Type, obj, gone!);
            return;
        }
        if (obj.At("metadata.deletionTimestamp") is not null) return;
        var policy = states.Any(s => s.State == OwnerState.Waiting && s.Ref.Bool("blockOwnerDeletion") == true) ? "Foreground" : null;
        if (HasFinalizer(obj, Orphan)) policy = "Orphan";
        _context.Api.Delete(stored.Type, stored.Namespace, stored.Name, UserInfo.System,
            new DeleteOptions { PropagationPolicy = policy ?? "Background", PreconditionUid = uid });
    }

    /// <summary>Works the orphan and foregroundDeletion finalizers of an object being deleted.</summary>
    private void ProcessDeleting(string uid)
    {
        if (Load(uid) is not var (stored, obj) || obj.At("metadata.deletionTimestamp") is null) return;
        List<string> dependents;
        lock (_gate) dependents = _dependents.TryGetValue(uid, out var set) ? [.. set] : [];
        if (HasFinalizer(obj, Orphan))
        {
            foreach (var dep in dependents)
                if (Load(dep) is var (ds, dobj)) RemoveOwnerRefs(ds.Type, dobj, [uid]);
            RemoveFinalizer(stored, Orphan);
            return;
        }
        if (!HasFinalizer(obj, Foreground)) return;
        var blocking = 0;
        foreach (var dep in dependents)
        {
            if (Load(dep) is not var (ds, dobj)) continue;
            var block = dobj.Items("metadata.ownerReferences").Any(r => r.Str("uid") == uid && r.Bool("blockOwnerDeletion") == true);
            if (block) blocking++;
            if (dobj.At("metadata.deletionTimestamp") is null) Enqueue("D|" + dep);
        }
        if (blocking == 0) RemoveFinalizer(stored, Foreground);
    }

    private void RemoveOwnerRefs(ResourceType rt, JsonObject obj, ICollection<string> uids)
    {
        if (obj.Meta()["ownerReferences"] is not JsonArray refs) return;
        foreach (var r in refs.OfType<JsonObject>().Where(r => uids.Contains(r.Str("uid") ?? "")).ToList()) refs.Remove(r);
        if (refs.Count == 0) obj.Meta().Remove("ownerReferences");
        _context.Api.Update(rt, obj.Namespace(), obj.Name(), obj, UserInfo.System);
    }

    private void RemoveFinalizer(StoredObject stored, string finalizer)
    {
        var obj = _context.Store.Get(stored.Type, stored.Namespace, stored.Name)?.ToJson();
        if (obj is null || obj.Meta()["finalizers"] is not JsonArray list) return;
        foreach (var f in list.Where(f => f?.GetValue<string>() == finalizer).ToList()) list.Remove(f);
        if (list.Count == 0) obj.Meta().Remove("finalizers");
        _context.Api.Update(stored.Type, stored.Namespace, stored.Name, obj, UserInfo.System);
    }

    private static bool HasFinalizer(JsonObject obj, string name) =>
        obj.At("metadata.finalizers") is JsonArray a && a.Any(f => f?.GetValue<string>() == name);
}
