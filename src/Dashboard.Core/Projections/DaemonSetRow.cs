using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A DaemonSet as <c>kubectl get ds -o wide</c> shows it: desired, current, ready, up-to-date, available, node selector.</summary>
public sealed record DaemonSetRow : IResourceRow<DaemonSetRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => DaemonSet.Resource;
    /// <inheritdoc />
    public required string Name { get; init; }
    /// <inheritdoc />
    public string? Namespace { get; init; }
    /// <inheritdoc />
    public required string Uid { get; init; }
    /// <inheritdoc />
    public DateTimeOffset? Created { get; init; }
    /// <inheritdoc />
    public required string Age { get; init; }
    /// <summary>status.desiredNumberScheduled.</summary>
    public long Desired { get; init; }
    /// <summary>status.currentNumberScheduled.</summary>
    public long Current { get; init; }
    /// <summary>status.numberReady.</summary>
    public long Ready { get; init; }
    /// <summary>status.updatedNumberScheduled.</summary>
    public long UpToDate { get; init; }
    /// <summary>status.numberAvailable.</summary>
    public long Available { get; init; }
    /// <summary>The pod template's nodeSelector as <c>k=v,...</c>, or &lt;none&gt;.</summary>
    public required string NodeSelector { get; init; }
    /// <summary>Container names, comma-joined.</summary>
    public required string Containers { get; init; }
    /// <summary>Images, comma-joined.</summary>
    public required string Images { get; init; }
    /// <summary>The selector (&lt;none&gt; when empty).</summary>
    public required string Selector { get; init; }
    /// <summary>Health from the counts (misscheduled daemon pods are a warning).</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a DaemonSet.</summary>
    public static DaemonSetRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        var desired = L(status.P("desiredNumberScheduled")) ?? 0;
        var ready = L(status.P("numberReady")) ?? 0;
        var updated = L(status.P("updatedNumberScheduled")) ?? 0;
        var available = L(status.P("numberAvailable")) ?? 0;
        var (names, images) = KubeFormat.Containers(spec.P("template").P("spec").P("containers"));
        var selector = KubeFormat.Selector(spec.P("selector"));
        var health = WorkloadHealth.Of(m.Deleting, desired, ready, available, updated, status.P("conditions"));
        if (health == RowHealth.Ok && (L(status.P("numberMisscheduled")) ?? 0) > 0) health = RowHealth.Warning;
        return new DaemonSetRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Desired = desired,
            Current = L(status.P("currentNumberScheduled")) ?? 0,
            Ready = ready,
            UpToDate = updated,
            Available = available,
            NodeSelector = KubeFormat.Labels(Map(spec.P("template").P("spec").P("nodeSelector"))),
            Containers = names,
            Images = images,
            Selector = selector.Length == 0 ? KubeFormat.None : selector,
            Health = health,
        };
    }
}
