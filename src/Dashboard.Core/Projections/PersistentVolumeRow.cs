using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A PersistentVolume as <c>kubectl get pv -o wide</c> shows it.</summary>
public sealed record PersistentVolumeRow : IResourceRow<PersistentVolumeRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => PersistentVolume.Resource;
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
    /// <summary>spec.capacity.storage.</summary>
    public required string Capacity { get; init; }
    /// <summary>Access modes (RWO, ROX, RWX, RWOP).</summary>
    public required string AccessModes { get; init; }
    /// <summary>spec.persistentVolumeReclaimPolicy.</summary>
    public required string ReclaimPolicy { get; init; }
    /// <summary>Available, Bound, Released, Failed, or Terminating while deleted.</summary>
    public required string Status { get; init; }
    /// <summary>"namespace/name" of the bound claim, empty when none.</summary>
    public required string Claim { get; init; }
    /// <summary>The storage class.</summary>
    public required string StorageClass { get; init; }
    /// <summary>spec.volumeAttributesClassName, or &lt;unset&gt;.</summary>
    public required string VolumeAttributesClass { get; init; }
    /// <summary>status.reason.</summary>
    public required string Reason { get; init; }
    /// <summary>spec.volumeMode, or &lt;unset&gt;.</summary>
    public required string VolumeMode { get; init; }

    /// <summary>Projects a PersistentVolume.</summary>
    public static PersistentVolumeRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        return new PersistentVolumeRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Capacity = S(spec.P("capacity").P("storage")) ?? "0",
            AccessModes = KubeFormat.AccessModes(Strings(spec.P("accessModes"))),
            ReclaimPolicy = S(spec.P("persistentVolumeReclaimPolicy")) ?? "",
            Status = m.Deleting ? "Terminating" : S(status.P("phase")) ?? "",
            Claim = spec.P("claimRef") is JsonObject cr ? S(cr["namespace"]) + "/" + S(cr["name"]) : "",
            StorageClass = PersistentVolumeClaimRow.StorageClassOf(obj.Json, spec),
            VolumeAttributesClass = S(spec.P("volumeAttributesClassName")) ?? KubeFormat.Unset,
            Reason = S(status.P("reason")) ?? "",
            VolumeMode = S(spec.P("volumeMode")) ?? KubeFormat.Unset,
        };
    }
}
