using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A PersistentVolume (v1).</summary>
public sealed partial class PersistentVolume(JsonObject json) : KubeObject(json), IKubeKind<PersistentVolume>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "PersistentVolume";
    /// <summary>Resource plural.</summary>
    public const string Plural = "persistentvolumes";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = false;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static PersistentVolume Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["pv"], Subresources = ["status"] };
}
