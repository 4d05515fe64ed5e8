using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A PersistentVolumeClaim (v1).</summary>
public sealed partial class PersistentVolumeClaim(JsonObject json) : KubeObject(json), IKubeKind<PersistentVolumeClaim>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "PersistentVolumeClaim";
    /// <summary>Resource plural.</summary>
    public const string Plural = "persistentvolumeclaims";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static PersistentVolumeClaim Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["pvc"], Subresources = ["status"] };
}
