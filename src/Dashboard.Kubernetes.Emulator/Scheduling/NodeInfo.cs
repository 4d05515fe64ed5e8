using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>What the scheduler knows about one node: its schedulability inputs and the requests of the pods bound to it.</summary>
internal sealed class NodeInfo
{
    private NodeInfo(string name) => Name = name;

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<Taint> Taints { get; private set; } = [];
    public bool Unschedulable { get; private set; }
    public bool Ready { get; private set; }
    public long AllocatableMilliCpu { get; private set; }
    public long AllocatableMemory { get; private set; }
    public long AllocatablePods { get; private set; }

    /// <summary>Everything the filters read, to tell a relevant change from a heartbeat.</summary>
    public string Signature { get; private set; } = "";

    public long RequestedMilliCpu { get; set; }
    public long RequestedMemory { get; set; }
    public int PodCount { get; set; }

    /// <summary>Builds or refreshes the node part (requests are kept).</summary>
    public static NodeInfo From(JsonObject node, NodeInfo? previous)
    {
        var info = previous ?? new NodeInfo(node.Name());
        info.Labels = node.Labels();
        info.Taints = Taint.Of(node);
        info.Unschedulable = node.Bool("spec.unschedulable") ?? false;
        info.Ready = node.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");
        info.AllocatableMilliCpu = Quantities.MilliCpu(node.Str("status.allocatable.cpu") ?? node.Str("status.capacity.cpu"));
        info.AllocatableMemory = Quantities.Value(node.Str("status.allocatable.memory") ?? node.Str("status.capacity.memory"));
        info.AllocatablePods = Quantities.Value(node.Str("status.allocatable.pods") ?? node.Str("status.capacity.pods") ?? "110");
        info.Signature = string.Join('|',
            string.Join(',', info.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)),
            string.Join(',', info.Taints), info.Unschedulable, info.Ready,
            info.AllocatableMilliCpu, info.AllocatableMemory, info.AllocatablePods);
        return info;
    }

    /// <summary>
    /// The taints the scheduler sees, including the not-ready taint the node lifecycle controller puts on a node whose
    /// Ready condition is not True (added here too, so that a freshly failed node is avoided before that write lands).
    /// </summary>
    public IEnumerable<Taint> EffectiveTaints()
    {
        foreach (var t in Taints) yield return t;
        if (!Ready && !Taints.Any(t => t.Key == Taint.NotReady && t.Effect == "NoSchedule"))
            yield return new Taint(Taint.NotReady, "", "NoSchedule");
    }
}
