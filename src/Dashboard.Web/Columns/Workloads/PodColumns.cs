using Dashboard.Core.Projections;
using Dashboard.Kubernetes.Models;
using static Dashboard.Web.Columns.Workloads.WorkloadColumn;

namespace Dashboard.Web.Columns.Workloads;

/// <summary>Pods: ready x/y, restarts "5 (3m ago)", IP, node, QoS; the status is kubectl's (CrashLoopBackOff, Init:0/2...).</summary>
internal sealed class PodColumns : IColumnSet
{
    private readonly RowMemo<PodRow> _rows = new();

    public PodColumns() => Columns =
    [
        Of(_rows, "ready", "Col_Ready", r => r.Ready, r => (double)r.ReadyContainers / Math.Max(1, r.TotalContainers), "5rem"),
        Of(_rows, "restarts", "Col_Restarts", r => r.RestartsText, r => r.Restarts, "8rem"),
        Of(_rows, "ip", "Col_IP", r => r.IP, width: "8rem"),
        Of(_rows, "node", "Col_Node", r => r.Node, width: "10rem"),
        Of(_rows, "qos", "Col_Qos", r => r.Qos.ToString(), width: "7rem"),
    ];

    public ResourceKind Kind => Pod.Resource;

    public IReadOnlyList<ResourceColumn> Columns { get; }

    public ResourceStatus Status(KubeObject obj, DateTimeOffset now)
    {
        var row = _rows.Timeless(obj, now);
        return new ResourceStatus(row.Status, Tone(row.Health));
    }
}
