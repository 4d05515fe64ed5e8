using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The namespace lifecycle controller: a namespace marked for deletion has all its content deleted, reports what
/// remains in its conditions, and once empty loses its <c>kubernetes</c> finalizer and disappears.
/// </summary>
internal sealed class NamespaceController(EmulatorContext context) : ReconcilingController(context)
{
    private readonly ResourceType _namespaces = context.Type("", "namespaces");
    private readonly ResourceType _pods = context.Type("", "pods");

    protected override IEnumerable<ResourceType> Watched => [_namespaces, _pods];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var o = change.Object;
        if (o.Type.Key == _namespaces.Key) return ["/" + o.Name];
        // A pod finishing its graceful termination may be the last thing a terminating namespace waits for.
        return change.Type == WatchEventType.Deleted ? ["/" + o.Namespace] : [];
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (_, name) = Split(key);
        var ns = Context.Api.TryGet(_namespaces, "", name);
        if (ns is null || ns.At("metadata.deletionTimestamp") is null) return Task.CompletedTask;

        var remaining = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var rt in Context.Catalog.Types.Where(t => t.Namespaced && !t.IsVirtual).GroupBy(t => t.Key).Select(g => g.First()))
        {
            foreach (var stored in Context.Store.List(rt, name).Items)
            {
                var obj = stored.ToJson();
                if (obj.At("metadata.deletionTimestamp") is null)
                {
                    try { Context.Api.Delete(rt, name, stored.Name, UserInfo.System, new DeleteOptions { PropagationPolicy = "Background" }); }
                    catch (ApiException e) when (e.Code is 404 or 409) { }
                }
                if (Context.Store.Get(rt, name, stored.Name) is not null)
                    remaining[rt.Key] = remaining.GetValueOrDefault(rt.Key) + 1;
            }
        }
        if (remaining.Count > 0)
        {
            SetConditions(ns, remaining);
            EnqueueAfter(key, TimeSpan.FromMilliseconds(500), cancellationToken);
            return Task.CompletedTask;
        }
        ns.Obj("spec")["finalizers"] = new JsonArray();
        Context.Api.Update(_namespaces, "", name, ns, UserInfo.System, new WriteOptions { Subresource = "finalize" });
        Context.Api.FinishDeletion(_namespaces, "", name);
        return Task.CompletedTask;
    }

    private void SetConditions(JsonObject ns, SortedDictionary<string, int> remaining)
    {
        var now = Json.Time(Context.Clock.GetUtcNow());
        var conditions = new JsonArray(
            Condition("NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered", now),
            Condition("NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed", now),
            Condition("NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization", now),
            Condition("NamespaceContentRemaining", "True", "SomeResourcesRemain",
                "Some resources are remaining: " + string.Join(", ", remaining.Select(kv => $"{kv.Key} has {kv.Value} resource instances")), now),
            Condition("NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished", now));
        var existing = ns.At("status.conditions") as JsonArray;
        if (existing is not null && existing.Count == conditions.Count
            && existing.Zip(conditions).All(p => p.First.Str("message") == p.Second.Str("message") && p.First.Str("status") == p.Second.Str("status")))
            return;
        ns.Obj("status")["conditions"] = conditions;
        Context.Api.Save(_namespaces, ns, "status");
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
