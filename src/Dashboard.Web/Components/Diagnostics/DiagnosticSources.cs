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

/// <summary>
/// A kind that can be diagnosed: what it needs and which Core diagnosis applies. <see cref="Own"/> is the object's own
/// findings (what the overview lists); <see cref="Diagnose"/> is the panel's rows, which for a workload also name the
/// first pod reporting each distinct pod-level problem (so a crash loop on a Deployment's page links to a pod's
/// previous logs).
/// </summary>
public sealed record DiagnosticSource(ResourceKind Kind, RelatedObjects Related, Func<KubeObject, IReadOnlyList<KubeObject>, IReadOnlyList<Finding>> Own)
{
    /// <summary>The panel's rows for an object and its related objects (events, or the workload's pods).</summary>
    public IReadOnlyList<DiagnosticRow> Diagnose(KubeObject obj, IReadOnlyList<KubeObject> related)
    {
        var rows = Own(obj, related).Select(f => new DiagnosticRow(f, null)).ToList();
        if (Related != RelatedObjects.Pods) return rows;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in related.OrderBy(p => p.Name, StringComparer.Ordinal))
            foreach (var f in PodDiagnostics.Diagnose(pod))
                if (seen.Add(f.Code + "/" + f.Container)) rows.Add(new DiagnosticRow(f, pod.Name));
        return rows;
    }
}

/// <summary>The registry of diagnosable kinds (pods, pod-template workloads, claims, nodes).</summary>
public static class DiagnosticSources
{
    private static readonly DiagnosticSource[] All =
    [
        new(Pod.Resource, RelatedObjects.Events, (pod, events) => PodDiagnostics.Diagnose(pod, events)),
        new(Deployment.Resource, RelatedObjects.Pods, (w, pods) => ObjectDiagnostics.Workload(w, pods)),
        new(StatefulSet.Resource, RelatedObjects.Pods, (w, pods) => ObjectDiagnostics.Workload(w, pods)),
        new(DaemonSet.Resource, RelatedObjects.Pods, (ds, pods) => ObjectDiagnostics.DaemonSet(ds, pods)),
        new(ReplicaSet.Resource, RelatedObjects.Pods, (w, pods) => ObjectDiagnostics.Workload(w, pods)),
        new(PersistentVolumeClaim.Resource, RelatedObjects.Events, (claim, events) => ObjectDiagnostics.Claim(claim, events)),
        new(Node.Resource, RelatedObjects.None, (node, _) => ObjectDiagnostics.Node(node)),
    ];

    /// <summary>The source for a kind, or null when the kind is not diagnosed.</summary>
    public static DiagnosticSource? For(ResourceKind kind) => Array.Find(All, s => s.Kind.Group == kind.Group && s.Kind.Plural == kind.Plural);

    /// <summary>
    /// A LabelSelector object (matchLabels and matchExpressions) as a label-selector query string for the API server,
    /// or null when it selects nothing: no selector, an empty one, or one with an operator the API does not know.
    /// </summary>
    public static string? SelectorQuery(JsonNode? selector) =>
        KubeFormat.Selector(selector) is { Length: > 0 } query && query != "<error>" ? query : null;
}
