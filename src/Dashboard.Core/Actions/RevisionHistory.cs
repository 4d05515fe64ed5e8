using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Projections;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Actions;

/// <summary>
/// A workload's revisions from the objects that record them, as <c>kubectl rollout history</c> reads them: a
/// Deployment's ReplicaSets (numbered by their <c>deployment.kubernetes.io/revision</c> annotation), a StatefulSet's or
/// DaemonSet's ControllerRevisions (numbered by <c>revision</c>). Pure, so the rollback action and the live history
/// section read the same list.
/// </summary>
public static class RevisionHistory
{
    /// <summary>The annotation numbering a Deployment's ReplicaSets.</summary>
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    /// <summary>The annotation kubectl's <c>--record</c> and users set to say why.</summary>
    public const string ChangeCause = "kubernetes.io/change-cause";

    /// <summary>True for the kinds that keep a revision history (Deployments, StatefulSets, DaemonSets).</summary>
    public static bool Applies(ResourceKind workload) =>
        workload.Group == "apps" && workload.Kind is Deployment.KindName or StatefulSet.KindName or DaemonSet.KindName;

    /// <summary>The kind holding a workload's revisions.</summary>
    public static ResourceKind SourceKind(ResourceKind workload) =>
        workload.Kind == Deployment.KindName ? ReplicaSet.Resource : ControllerRevision.Resource;

    /// <summary>The label selector (API string form) that finds the revision objects: the workload's own selector.</summary>
    public static string SourceSelector(KubeObject workload) => KubeFormat.Selector(workload.Json["spec"]?["selector"]);

    /// <summary>The revisions among <paramref name="sources"/> that <paramref name="workload"/> owns, newest first.</summary>
    public static IReadOnlyList<Revision> Of(ResourceKind kind, KubeObject workload, IEnumerable<KubeObject> sources)
    {
        var owned = sources.Where(o => o.OwnerReferences.Any(r => r.Uid == workload.Uid));
        var revisions = kind.Kind == Deployment.KindName
            ? owned.Select(rs => new Revision(
                long.TryParse(rs.Annotations.GetValueOrDefault(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
                rs.Name, rs.CreationTimestamp, Clean(rs.Json["spec"]?["template"]), rs.Annotations.GetValueOrDefault(ChangeCause)))
            : owned.Select(cr => new Revision(cr.GetInt64("revision") ?? 0, cr.Name, cr.CreationTimestamp,
                Clean(cr.Json["data"]?["spec"]?["template"]), cr.Annotations.GetValueOrDefault(ChangeCause)));
        return revisions.Where(r => r.Number > 0).OrderByDescending(r => r.Number).ToList();
    }

    // The template as the user wrote it: without the hash label the controller adds (it differs in every revision) and
    // without the strategic-merge directive a ControllerRevision stores its template patch with.
    private static JsonObject Clean(JsonNode? template)
    {
        var copy = (template as JsonObject)?.DeepClone().AsObject() ?? [];
        copy.Remove("$patch");
        (copy["metadata"]?["labels"] as JsonObject)?.Remove("pod-template-hash");
        return copy;
    }
}
