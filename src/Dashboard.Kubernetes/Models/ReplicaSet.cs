using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A ReplicaSet (apps/v1).</summary>
public sealed partial class ReplicaSet(JsonObject json) : KubeObject(json), IKubeKind<ReplicaSet>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "apps";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "ReplicaSet";
    /// <summary>Resource plural.</summary>
    public const string Plural = "replicasets";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static ReplicaSet Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["rs"], Categories = ["all"], Subresources = ["status", "scale"] };
}
