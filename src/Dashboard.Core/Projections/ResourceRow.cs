using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>What every row has, so that generic code (grids, links, selection) can handle rows of any kind.</summary>
public interface IResourceRow
{
    /// <summary>metadata.name.</summary>
    string Name { get; }
    /// <summary>metadata.namespace, null for cluster-scoped objects.</summary>
    string? Namespace { get; }
    /// <summary>metadata.uid: the row's identity across updates.</summary>
    string Uid { get; }
    /// <summary>metadata.creationTimestamp (sort by this, show <see cref="Age"/>).</summary>
    DateTimeOffset? Created { get; }
    /// <summary>The age as kubectl prints it, at the time the row was projected.</summary>
    string Age { get; }
}

/// <summary>Implemented by each row type: its kind and how to build it from an object.</summary>
/// <typeparam name="TSelf">The row type.</typeparam>
public interface IResourceRow<TSelf> : IResourceRow where TSelf : IResourceRow<TSelf>
{
    /// <summary>The kind the row projects.</summary>
    static abstract ResourceKind Kind { get; }

    /// <summary>Builds the row. Pure: the same object and time give the same row.</summary>
    static abstract TSelf From(KubeObject obj, DateTimeOffset now);
}

/// <summary>The metadata every row carries, read once.</summary>
internal readonly record struct RowMeta(string Name, string? Namespace, string Uid, DateTimeOffset? Created, string Age, bool Deleting)
{
    public static RowMeta Of(KubeObject obj, DateTimeOffset now)
    {
        var meta = obj.Json["metadata"] as JsonObject;
        var created = Time(meta.P("creationTimestamp"));
        var ns = S(meta.P("namespace"));
        return new RowMeta(S(meta.P("name")) ?? "", string.IsNullOrEmpty(ns) ? null : ns, S(meta.P("uid")) ?? "", created,
            KubeFormat.Age(created, now), meta.P("deletionTimestamp") is not null);
    }
}
