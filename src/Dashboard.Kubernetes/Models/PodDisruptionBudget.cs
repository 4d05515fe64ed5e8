using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A PodDisruptionBudget (policy/v1).</summary>
public sealed partial class PodDisruptionBudget(JsonObject json) : KubeObject(json), IKubeKind<PodDisruptionBudget>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "policy";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "PodDisruptionBudget";
    /// <summary>Resource plural.</summary>
    public const string Plural = "poddisruptionbudgets";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static PodDisruptionBudget Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["pdb"], Subresources = ["status"] };
}
