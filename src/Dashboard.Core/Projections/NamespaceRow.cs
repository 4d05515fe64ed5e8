using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A Namespace as <c>kubectl get ns</c> shows it: status (Active, Terminating).</summary>
public sealed record NamespaceRow : IResourceRow<NamespaceRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Kubernetes.Models.Namespace.Resource;
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
    /// <summary>status.phase.</summary>
    public required string Status { get; init; }

    /// <summary>Projects a Namespace.</summary>
    public static NamespaceRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        return new NamespaceRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Status = S(obj.Json["status"].P("phase")) ?? "",
        };
    }
}
