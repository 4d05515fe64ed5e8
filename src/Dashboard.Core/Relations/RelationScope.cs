using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

/// <summary>
/// One slice of the cluster a relations view watches: a kind, in one namespace or all (null), optionally narrowed by a
/// field selector. A narrowed slice is never taken as complete, so absences in it are unknown rather than missing.
/// </summary>
public sealed record RelationScope(ResourceKind Kind, string? Namespace = null, string? FieldSelector = null);

/// <summary>What to watch to relate one object: no more than its neighbourhood can need.</summary>
public static class RelationScopes
{

    /// <summary>
    /// The scopes for an object's Related view. A namespaced object: every relation kind in its namespace, plus the
    /// cluster-scoped kinds pods and claims refer to. A Node: only the pods bound to it. A PersistentVolume: the claims,
    /// and the pods of its claim's namespace. A StorageClass or IngressClass: the claims and volumes, or the Ingresses,
    /// that name it. Other cluster-scoped kinds relate only through their owner references: nothing to watch.
    /// </summary>
    public static IReadOnlyList<RelationScope> For(ResourceKind kind, KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(obj);
        if (kind.Namespaced)
            return [.. RelationFeed.Kinds.Select(k => new RelationScope(k, k.Namespaced ? obj.Namespace : null))];
        var key = KindKey.Of(kind);
        if (key == KindKey.Of(Node.Resource))
            return [new RelationScope(Pod.Resource, null, "spec.nodeName=" + obj.Name), new RelationScope(Node.Resource)];
        if (key == KindKey.Of(PersistentVolume.Resource))
        {
            var claimNamespace = (obj.Spec?["claimRef"] as JsonObject)?["namespace"]?.ToString();
            List<RelationScope> scopes = [new(PersistentVolume.Resource), new(PersistentVolumeClaim.Resource, claimNamespace), new(StorageClass.Resource)];
            if (!string.IsNullOrEmpty(claimNamespace))
                scopes.AddRange(RelationFeed.Kinds.Where(k => RelationRules.PodSpecs.ContainsKey(KindKey.Of(k))).Select(k => new RelationScope(k, claimNamespace)));
            return scopes;
        }
        if (key == KindKey.Of(StorageClass.Resource))
            return [new RelationScope(StorageClass.Resource), new RelationScope(PersistentVolumeClaim.Resource), new RelationScope(PersistentVolume.Resource)];
        if (key == KindKey.Of(IngressClass.Resource))
            return [new RelationScope(IngressClass.Resource), new RelationScope(Ingress.Resource)];
        return [];
    }

}
