using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>What the filters need from a pod, read once per scheduling attempt rather than once per node.</summary>
internal sealed class PodConstraints(JsonObject pod, PodRequests requests)
{
    public PodRequests Requests { get; } = requests;
    public List<JsonObject> Tolerations { get; } = pod.Items("spec.tolerations").ToList();
    public Func<string, IReadOnlyDictionary<string, string>, bool> Affinity { get; } = NodeAffinity.Compile(pod);
}

/// <summary>Why one node cannot take a pod, and whether preempting other pods could change that.</summary>
internal sealed record NodeRejection(IReadOnlyList<string> Reasons, bool PreemptionMightHelp);

/// <summary>
/// The default scheduler's filter plugins in their real order (NodeUnschedulable, TaintToleration, NodeAffinity,
/// NodeResourcesFit); a node reports the reasons of the first plugin that rejects it, as the framework does.
/// </summary>
internal static class NodeFilter
{
    /// <summary>Null when the node fits, otherwise the rejection.</summary>
    public static NodeRejection? Check(JsonObject pod, PodRequests requests, NodeInfo node) =>
        Check(new PodConstraints(pod, requests), node);

    /// <summary>Null when the node fits, otherwise the rejection (constraints read once per pod).</summary>
    public static NodeRejection? Check(PodConstraints pod, NodeInfo node)
    {
        var tolerations = pod.Tolerations;
        var requests = pod.Requests;
        if (node.Unschedulable && !new Taint(Taint.Unschedulable, "", "NoSchedule").ToleratedBy(tolerations))
            return new(["node(s) were unschedulable"], false);
        foreach (var taint in node.EffectiveTaints())
        {
            if (taint.Effect is not ("NoSchedule" or "NoExecute")) continue;
            if (!taint.ToleratedBy(tolerations)) return new([$"node(s) had untolerated taint {taint}"], false);
        }
        if (!pod.Affinity(node.Name, node.Labels))
            return new(["node(s) didn't match Pod's node affinity/selector"], false);
        var reasons = new List<string>();
        if (node.PodCount + 1 > node.AllocatablePods) reasons.Add("Too many pods");
        if (requests.MilliCpu > 0 && requests.MilliCpu > node.AllocatableMilliCpu - node.RequestedMilliCpu) reasons.Add("Insufficient cpu");
        if (requests.Memory > 0 && requests.Memory > node.AllocatableMemory - node.RequestedMemory) reasons.Add("Insufficient memory");
        return reasons.Count > 0 ? new(reasons, true) : null;
    }

    /// <summary>
    /// The FitError message: <c>0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption:
    /// 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.</c>
    /// Entries are "count reason" strings sorted as strings, as the scheduler sorts them.
    /// </summary>
    public static string Message(JsonObject pod, int nodeCount, IReadOnlyList<NodeRejection> rejections, string? preFilter = null)
    {
        if (nodeCount == 0) return "no nodes available to schedule pods";
        var reasons = preFilter ?? Histogram(rejections.SelectMany(r => r.Reasons));
        var text = $"0/{nodeCount} nodes are available: {reasons}.";
        if (pod.Str("spec.preemptionPolicy") == "Never")
            return text + " preemption: not eligible due to preemptionPolicy=Never.";
        var preemption = Histogram(rejections.Select(r => r.PreemptionMightHelp
            ? "No preemption victims found for incoming pod"
            : "Preemption is not helpful for scheduling"));
        return $"{text} preemption: 0/{nodeCount} nodes are available: {preemption}.";
    }

    private static string Histogram(IEnumerable<string> reasons) =>
        string.Join(", ", reasons.GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}")
            .Order(StringComparer.Ordinal));
}
