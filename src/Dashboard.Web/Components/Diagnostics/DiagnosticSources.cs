using System.Text.Json.Nodes;
using Dashboard.Core.Diagnostics;
using Dashboard.Core.Projections;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Components.Diagnostics;

/// <summary>What a diagnosis needs beside the object itself.</summary>
public enum RelatedObjects
{
    /// <summary>Nothing.</summary>
    None,
    /// <summary>The object's events.</summary>
    Events,
    /// <summary>The pods its selector matches.</summary>
    Pods,
}

/// <summary>One finding as the panel shows it; <see cref="Pod"/> names the pod when a workload's pod reported it.</summary>
public sealed record DiagnosticRow(Finding Finding, string? Pod);

/// <summary>A kind that can be diagnosed: what it needs and which Core diagnosis applies.</summary>
public sealed record DiagnosticSource(ResourceKind Kind, RelatedObjects Related, Func<KubeObject, IReadOnlyList<KubeObject>, IReadOnlyList<DiagnosticRow>> Diagnose);

/// <summary>The registry of diagnosable kinds (pods, pod-template workloads, claims, nodes).</summary>
public static class DiagnosticSources
{
    private static readonly DiagnosticSource[] All =
    [
        new(Pod.Resource, RelatedObjects.Events, (pod, events) => Rows(PodDiagnostics.Diagnose(pod, events), null)),
        new(Deployment.Resource, RelatedObjects.Pods, (w, pods) => Workload(ObjectDiagnostics.Workload(w, pods), pods)),
        new(StatefulSet.Resource, RelatedObjects.Pods, (w, pods) => Workload(ObjectDiagnostics.Workload(w, pods), pods)),
        new(DaemonSet.Resource, RelatedObjects.Pods, (ds, pods) => Workload(ObjectDiagnostics.DaemonSet(ds, pods), pods)),
        new(ReplicaSet.Resource, RelatedObjects.Pods, (w, pods) => Workload(ObjectDiagnostics.Workload(w, pods), pods)),
        new(PersistentVolumeClaim.Resource, RelatedObjects.Events, (claim, events) => Rows(ObjectDiagnostics.Claim(claim, events), null)),
        new(Node.Resource, RelatedObjects.None, (node, _) => Rows(ObjectDiagnostics.Node(node), null)),
    ];

    /// <summary>The source for a kind, or null when the kind is not diagnosed.</summary>
    public static DiagnosticSource? For(ResourceKind kind) => Array.Find(All, s => s.Kind.Group == kind.Group && s.Kind.Plural == kind.Plural);

    /// <summary>
    /// A workload's own findings, then the first pod reporting each distinct pod-level problem (so a crash loop on a
    /// Deployment's page names a pod and links to its previous logs).
    /// </summary>
    private static IReadOnlyList<DiagnosticRow> Workload(IReadOnlyList<Finding> own, IReadOnlyList<KubeObject> pods)
    {
        var rows = Rows(own, null).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods.OrderBy(p => p.Name, StringComparer.Ordinal))
            foreach (var f in PodDiagnostics.Diagnose(pod))
                if (seen.Add(f.Code + "/" + f.Container)) rows.Add(new DiagnosticRow(f, pod.Name));
        return rows;
    }

    private static IReadOnlyList<DiagnosticRow> Rows(IEnumerable<Finding> findings, string? pod) => findings.Select(f => new DiagnosticRow(f, pod)).ToList();

    /// <summary>
    /// A LabelSelector object (matchLabels and matchExpressions) as a label-selector query string for the API server,
    /// or null when it selects nothing: no selector, an empty one, or one with an operator the API does not know.
    /// </summary>
    public static string? SelectorQuery(JsonNode? selector) =>
        KubeFormat.Selector(selector) is { Length: > 0 } query && query != "<error>" ? query : null;
}
