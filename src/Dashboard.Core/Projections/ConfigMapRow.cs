using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A ConfigMap as <c>kubectl get cm</c> shows it: the number of keys (data and binaryData).</summary>
public sealed record ConfigMapRow : IResourceRow<ConfigMapRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => ConfigMap.Resource;
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
    /// <summary>Keys in data and binaryData.</summary>
    public int Data { get; init; }
    /// <summary>spec.immutable.</summary>
    public bool Immutable { get; init; }

    /// <summary>Projects a ConfigMap.</summary>
    public static ConfigMapRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        return new ConfigMapRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Data = Count(obj.Json["data"]) + Count(obj.Json["binaryData"]),
            Immutable = B(obj.Json["immutable"]) == true,
        };
    }
}
