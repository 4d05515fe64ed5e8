using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A Deployment as <c>kubectl get deploy -o wide</c> shows it: ready, up-to-date, available, containers, images, selector.</summary>
public sealed record DeploymentRow : IResourceRow<DeploymentRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Deployment.Resource;
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
    /// <summary>spec.replicas (the API defaults it to 1).</summary>
    public long Desired { get; init; }
    /// <summary>status.readyReplicas.</summary>
    public long ReadyReplicas { get; init; }
    /// <summary>"ready/desired".</summary>
    public required string Ready { get; init; }
    /// <summary>status.updatedReplicas.</summary>
    public long UpToDate { get; init; }
    /// <summary>status.availableReplicas.</summary>
    public long Available { get; init; }
    /// <summary>Container names, comma-joined.</summary>
    public required string Containers { get; init; }
    /// <summary>Images, comma-joined.</summary>
    public required string Images { get; init; }
    /// <summary>The selector in the API's string form.</summary>
    public required string Selector { get; init; }
    /// <summary>spec.paused.</summary>
    public bool Paused { get; init; }
    /// <summary>Health from the counts and conditions (a progress deadline exceeded is Failed).</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a Deployment.</summary>
    public static DeploymentRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        var desired = L(spec.P("replicas")) ?? 1;
        var ready = L(status.P("readyReplicas")) ?? 0;
        var updated = L(status.P("updatedReplicas")) ?? 0;
        var available = L(status.P("availableReplicas")) ?? 0;
        var (names, images) = KubeFormat.Containers(spec.P("template").P("spec").P("containers"));
        return new DeploymentRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Desired = desired,
            ReadyReplicas = ready,
            Ready = Inv($"{ready}/{desired}"),
            UpToDate = updated,
            Available = available,
            Containers = names,
            Images = images,
            Selector = KubeFormat.Selector(spec.P("selector")),
            Paused = B(spec.P("paused")) == true,
            Health = WorkloadHealth.Of(m.Deleting, desired, ready, available, updated, status.P("conditions")),
        };
    }
}
