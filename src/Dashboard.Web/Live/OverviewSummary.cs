using Dashboard.Core.Diagnostics;
using Dashboard.Core.Relations;
using Dashboard.Web.Components.Diagnostics;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Live;

/// <summary>A workload that is not healthy, with its most severe finding.</summary>
public sealed record UnhealthyWorkload(ResourceKind Kind, KubeObject Object, Finding Finding);

/// <summary>The overview's figures, computed from cached objects (pure, so it can be tested on fixtures).</summary>
public sealed record OverviewSummary(int Nodes, int NodesReady, IReadOnlyList<(string Phase, int Count)> PodsByPhase,
    IReadOnlyList<UnhealthyWorkload> Unhealthy, IReadOnlyList<KubeObject> Warnings)
{
    /// <summary>The kinds whose health the overview judges.</summary>
    public static IReadOnlyList<ResourceKind> WorkloadKinds { get; } = [Deployment.Resource, StatefulSet.Resource, DaemonSet.Resource];

    /// <summary>Nothing yet.</summary>
    public static OverviewSummary Empty { get; } = new(0, 0, [], [], []);

    private static readonly string[] Phases = ["Running", "Pending", "Succeeded", "Failed", "Unknown"];

    /// <summary>Computes the summary.</summary>
    public static OverviewSummary From(IReadOnlyList<KubeObject> nodes, IReadOnlyList<KubeObject> pods, IReadOnlyList<KubeObject> workloads,
        IReadOnlyList<KubeObject> warnings, int maxWarnings = 10)
    {
        var ready = nodes.Count(n => (n.Status?["conditions"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True"));
        var phases = pods.GroupBy(p => p.GetString("status.phase") ?? "Unknown").ToDictionary(g => g.Key, g => g.Count());
        var byPhase = Phases.Select(p => (p, phases.GetValueOrDefault(p))).Where(p => p.Item2 > 0).ToList();
        var podsByNamespace = pods.ToLookup(p => p.Namespace ?? "");
        var unhealthy = new List<UnhealthyWorkload>();
        foreach (var w in workloads)
        {
            var kind = WorkloadKinds.FirstOrDefault(k => k.Kind == w.Kind);
            if (kind is null) continue;
            var selector = LabelSelector.FromLabelSelector(w.Json["spec"]?["selector"]);
            var selected = podsByNamespace[w.Namespace ?? ""].Where(p => selector.Matches(p.Labels)).ToList();
            // The workload's own findings, from the same registry as its detail page's panel (without the panel's
            // per-pod rows: the overview refreshes on every batch of the cluster's pods).
            var findings = DiagnosticSources.For(kind)?.Own(w, selected) ?? [];
            if (findings.OrderByDescending(f => f.Severity).FirstOrDefault() is { } worst) unhealthy.Add(new(kind, w, worst));
        }
        var recent = warnings.OrderByDescending(e => Components.Details.EventsSection.LastSeen(e)).Take(maxWarnings).ToList();
        return new OverviewSummary(nodes.Count, ready, byPhase,
            unhealthy.OrderByDescending(u => u.Finding.Severity).ThenBy(u => u.Object.Namespace, StringComparer.Ordinal).ThenBy(u => u.Object.Name, StringComparer.Ordinal).ToList(),
            recent);
    }
}
