using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A ResourceQuota (v1).</summary>
public sealed partial class ResourceQuota(JsonObject json) : KubeObject(json), IKubeKind<ResourceQuota>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "ResourceQuota";
    /// <summary>Resource plural.</summary>
    public const string Plural = "resourcequotas";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static ResourceQuota Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["quota"], Subresources = ["status"] };
}
