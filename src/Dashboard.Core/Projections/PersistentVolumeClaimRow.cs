using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A PersistentVolumeClaim as <c>kubectl get pvc -o wide</c> shows it.</summary>
public sealed record PersistentVolumeClaimRow : IResourceRow<PersistentVolumeClaimRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => PersistentVolumeClaim.Resource;
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
    /// <summary>Pending, Bound, Lost, or Terminating while deleted.</summary>
    public required string Status { get; init; }
    /// <summary>spec.volumeName.</summary>
    public required string Volume { get; init; }
    /// <summary>status.capacity.storage once bound.</summary>
    public required string Capacity { get; init; }
    /// <summary>Access modes once bound (RWO, ROX, RWX, RWOP).</summary>
    public required string AccessModes { get; init; }
    /// <summary>The storage class (beta annotation first, as kubectl reads it).</summary>
    public required string StorageClass { get; init; }
    /// <summary>spec.volumeAttributesClassName, or &lt;unset&gt;.</summary>
    public required string VolumeAttributesClass { get; init; }
    /// <summary>spec.volumeMode, or &lt;unset&gt;.</summary>
    public required string VolumeMode { get; init; }
    /// <summary>Ok when bound, Progressing when pending or terminating, Failed when lost.</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a PersistentVolumeClaim.</summary>
    public static PersistentVolumeClaimRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        var phase = m.Deleting ? "Terminating" : S(status.P("phase")) ?? "";
        var volume = S(spec.P("volumeName")) ?? "";
        return new PersistentVolumeClaimRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Status = phase,
            Volume = volume,
            Capacity = volume.Length > 0 ? S(status.P("capacity").P("storage")) ?? "0" : "",
            AccessModes = volume.Length > 0 ? KubeFormat.AccessModes(Strings(status.P("accessModes"))) : "",
            StorageClass = StorageClassOf(obj.Json, spec),
            VolumeAttributesClass = S(spec.P("volumeAttributesClassName")) ?? KubeFormat.Unset,
            VolumeMode = S(spec.P("volumeMode")) ?? KubeFormat.Unset,
            Health = phase switch { "Bound" => RowHealth.Ok, "Lost" => RowHealth.Failed, _ => RowHealth.Progressing },
        };
    }

    internal static string StorageClassOf(JsonObject obj, JsonObject? spec) =>
        S(obj["metadata"].P("annotations").P("volume.beta.kubernetes.io/storage-class")) ?? S(spec.P("storageClassName")) ?? "";
}
