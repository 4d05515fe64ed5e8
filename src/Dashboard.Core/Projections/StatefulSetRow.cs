using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A StatefulSet as <c>kubectl get sts -o wide</c> shows it, plus up-to-date, available and the governing service.</summary>
public sealed record StatefulSetRow : IResourceRow<StatefulSetRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => StatefulSet.Resource;
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
    /// <summary>spec.replicas (defaults to 1).</summary>
    public long Desired { get; init; }
    /// <summary>status.readyReplicas.</summary>
    public long ReadyReplicas { get; init; }
    /// <summary>"ready/desired".</summary>
    public required string Ready { get; init; }
    /// <summary>status.updatedReplicas.</summary>
    public long UpToDate { get; init; }
    /// <summary>status.availableReplicas.</summary>
    public long Available { get; init; }
    /// <summary>spec.serviceName.</summary>
    public string? ServiceName { get; init; }
    /// <summary>Container names, comma-joined.</summary>
    public required string Containers { get; init; }
    /// <summary>Images, comma-joined.</summary>
    public required string Images { get; init; }
    /// <summary>Health from the counts.</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a StatefulSet.</summary>
    public static StatefulSetRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        var desired = L(spec.P("replicas")) ?? 1;
        var ready = L(status.P("readyReplicas")) ?? 0;
        var updated = L(status.P("updatedReplicas")) ?? 0;
        var available = L(status.P("availableReplicas")) ?? ready;
        var (names, images) = KubeFormat.Containers(spec.P("template").P("spec").P("containers"));
        return new StatefulSetRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Desired = desired,
            ReadyReplicas = ready,
            Ready = Inv($"{ready}/{desired}"),
            UpToDate = updated,
            Available = available,
            ServiceName = S(spec.P("serviceName")),
            Containers = names,
            Images = images,
            Health = WorkloadHealth.Of(m.Deleting, desired, ready, available, updated, status.P("conditions")),
        };
    }
}
