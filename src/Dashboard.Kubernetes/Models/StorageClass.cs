using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A StorageClass (storage.k8s.io/v1).</summary>
public sealed partial class StorageClass(JsonObject json) : KubeObject(json), IKubeKind<StorageClass>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "storage.k8s.io";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "StorageClass";
    /// <summary>Resource plural.</summary>
    public const string Plural = "storageclasses";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = false;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static StorageClass Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["sc"] };
}
