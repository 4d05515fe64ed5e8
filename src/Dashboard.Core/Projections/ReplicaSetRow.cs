using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A ReplicaSet as <c>kubectl get rs -o wide</c> shows it: desired, current, ready, plus its owner and revision.</summary>
public sealed record ReplicaSetRow : IResourceRow<ReplicaSetRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => ReplicaSet.Resource;
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
    /// <summary>status.replicas.</summary>
    public long Current { get; init; }
    /// <summary>status.readyReplicas.</summary>
    public long Ready { get; init; }
    /// <summary>Container names, comma-joined.</summary>
    public required string Containers { get; init; }
    /// <summary>Images, comma-joined.</summary>
    public required string Images { get; init; }
    /// <summary>The selector (&lt;none&gt; when empty, as kubectl prints it).</summary>
    public required string Selector { get; init; }
    /// <summary>The owning Deployment's name, if any.</summary>
    public string? Owner { get; init; }
    /// <summary>The deployment.kubernetes.io/revision annotation, if any.</summary>
    public long? Revision { get; init; }
    /// <summary>Health from the counts.</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a ReplicaSet.</summary>
    public static ReplicaSetRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        var desired = L(spec.P("replicas")) ?? 1;
        var ready = L(status.P("readyReplicas")) ?? 0;
        var available = L(status.P("availableReplicas")) ?? 0;
        var (names, images) = KubeFormat.Containers(spec.P("template").P("spec").P("containers"));
        var selector = KubeFormat.Selector(spec.P("selector"));
        var owner = Objects(obj.Json["metadata"].P("ownerReferences")).FirstOrDefault(o => B(o["controller"]) == true);
        return new ReplicaSetRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Desired = desired,
            Current = L(status.P("replicas")) ?? 0,
            Ready = ready,
            Containers = names,
            Images = images,
            Selector = selector.Length == 0 ? KubeFormat.None : selector,
            Owner = S(owner.P("name")),
            Revision = long.TryParse(S(obj.Json["metadata"].P("annotations").P("deployment.kubernetes.io/revision")), out var rev) ? rev : null,
            Health = WorkloadHealth.Of(m.Deleting, desired, ready, available, desired, status.P("conditions")),
        };
    }
}
