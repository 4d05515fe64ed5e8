using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A ServiceAccount (v1).</summary>
public sealed partial class ServiceAccount(JsonObject json) : KubeObject(json), IKubeKind<ServiceAccount>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "ServiceAccount";
    /// <summary>Resource plural.</summary>
    public const string Plural = "serviceaccounts";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static ServiceAccount Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["sa"], Subresources = ["token"] };
}
