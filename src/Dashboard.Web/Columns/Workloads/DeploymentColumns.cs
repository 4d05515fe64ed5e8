using Dashboard.Core.Projections;
using Dashboard.Kubernetes.Models;
using static Dashboard.Web.Columns.Workloads.WorkloadColumn;

namespace Dashboard.Web.Columns.Workloads;

/// <summary>Deployments: ready, up-to-date, available, images (kubectl get deploy).</summary>
internal sealed class DeploymentColumns(HealthStatus health) : IColumnSet
{
    private readonly RowMemo<DeploymentRow> _rows = new();
    private IReadOnlyList<ResourceColumn>? _columns;

    public ResourceKind Kind => Deployment.Resource;

    public IReadOnlyList<ResourceColumn> Columns => _columns ??=
    [
        Of(_rows, "ready", "Col_Ready", r => r.Ready, r => r.ReadyReplicas, "5rem"),
        Of(_rows, "uptodate", "Col_UpToDate", r => KubeFormat.N(r.UpToDate), r => r.UpToDate, "6rem"),
        Of(_rows, "available", "Col_Available", r => KubeFormat.N(r.Available), r => r.Available, "6rem"),
        Of(_rows, "images", "Col_Images", r => r.Images),
    ];

    public ResourceStatus Status(KubeObject obj, DateTimeOffset now) => health.Of(_rows.Timeless(obj, now).Health);
}

/// <summary>ReplicaSets: desired, current, ready, images (kubectl get rs).</summary>
internal sealed class ReplicaSetColumns(HealthStatus health) : IColumnSet
{
    private readonly RowMemo<ReplicaSetRow> _rows = new();
    private IReadOnlyList<ResourceColumn>? _columns;

    public ResourceKind Kind => ReplicaSet.Resource;

    public IReadOnlyList<ResourceColumn> Columns => _columns ??=
    [
        Of(_rows, "desired", "Col_Desired", r => KubeFormat.N(r.Desired), r => r.Desired, "5rem"),
        Of(_rows, "current", "Col_Current", r => KubeFormat.N(r.Current), r => r.Current, "5rem"),
        Of(_rows, "ready", "Col_Ready", r => KubeFormat.N(r.Ready), r => r.Ready, "5rem"),
        Of(_rows, "images", "Col_Images", r => r.Images),
    ];

    public ResourceStatus Status(KubeObject obj, DateTimeOffset now) => health.Of(_rows.Timeless(obj, now).Health);
}

/// <summary>StatefulSets: ready, images (kubectl get sts), plus up-to-date.</summary>
internal sealed class StatefulSetColumns(HealthStatus health) : IColumnSet
{
    private readonly RowMemo<StatefulSetRow> _rows = new();
    private IReadOnlyList<ResourceColumn>? _columns;

    public ResourceKind Kind => StatefulSet.Resource;

    public IReadOnlyList<ResourceColumn> Columns => _columns ??=
    [
        Of(_rows, "ready", "Col_Ready", r => r.Ready, r => r.ReadyReplicas, "5rem"),
        Of(_rows, "uptodate", "Col_UpToDate", r => KubeFormat.N(r.UpToDate), r => r.UpToDate, "6rem"),
        Of(_rows, "images", "Col_Images", r => r.Images),
    ];

    public ResourceStatus Status(KubeObject obj, DateTimeOffset now) => health.Of(_rows.Timeless(obj, now).Health);
}

/// <summary>DaemonSets: desired, current, ready, up-to-date, available, node selector (kubectl get ds).</summary>
internal sealed class DaemonSetColumns(HealthStatus health) : IColumnSet
{
    private readonly RowMemo<DaemonSetRow> _rows = new();
    private IReadOnlyList<ResourceColumn>? _columns;

    public ResourceKind Kind => DaemonSet.Resource;

    public IReadOnlyList<ResourceColumn> Columns => _columns ??=
    [
        Of(_rows, "desired", "Col_Desired", r => KubeFormat.N(r.Desired), r => r.Desired, "5rem"),
        Of(_rows, "current", "Col_Current", r => KubeFormat.N(r.Current), r => r.Current, "5rem"),
        Of(_rows, "ready", "Col_Ready", r => KubeFormat.N(r.Ready), r => r.Ready, "5rem"),
        Of(_rows, "uptodate", "Col_UpToDate", r => KubeFormat.N(r.UpToDate), r => r.UpToDate, "6rem"),
        Of(_rows, "available", "Col_Available", r => KubeFormat.N(r.Available), r => r.Available, "6rem"),
        Of(_rows, "nodeselector", "Col_NodeSelector", r => r.NodeSelector),
    ];

    public ResourceStatus Status(KubeObject obj, DateTimeOffset now) => health.Of(_rows.Timeless(obj, now).Health);
}
