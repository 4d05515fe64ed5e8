using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A HorizontalPodAutoscaler (autoscaling/v2).</summary>
public sealed partial class HorizontalPodAutoscaler(JsonObject json) : KubeObject(json), IKubeKind<HorizontalPodAutoscaler>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "autoscaling";
    /// <summary>API version.</summary>
    public const string Version = "v2";
    /// <summary>Kind.</summary>
    public const string KindName = "HorizontalPodAutoscaler";
    /// <summary>Resource plural.</summary>
    public const string Plural = "horizontalpodautoscalers";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static HorizontalPodAutoscaler Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["hpa"], Categories = ["all"], Subresources = ["status"] };
}
