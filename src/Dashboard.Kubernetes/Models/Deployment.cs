using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A Deployment (apps/v1).</summary>
public sealed partial class Deployment(JsonObject json) : KubeObject(json), IKubeKind<Deployment>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "apps";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "Deployment";
    /// <summary>Resource plural.</summary>
    public const string Plural = "deployments";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static Deployment Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["deploy"], Categories = ["all"], Subresources = ["status", "scale"] };
}
