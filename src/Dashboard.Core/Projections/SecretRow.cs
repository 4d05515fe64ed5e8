using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A Secret as <c>kubectl get secrets</c> shows it: type and number of keys (never the values).</summary>
public sealed record SecretRow : IResourceRow<SecretRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Secret.Resource;
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
    /// <summary>type (Opaque by default).</summary>
    public required string Type { get; init; }
    /// <summary>Keys in data.</summary>
    public int Data { get; init; }

    /// <summary>Projects a Secret.</summary>
    public static SecretRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        return new SecretRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Type = S(obj.Json["type"]) ?? "Opaque",
            Data = Count(obj.Json["data"]),
        };
    }
}
