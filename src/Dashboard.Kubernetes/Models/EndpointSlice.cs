using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A EndpointSlice (discovery.k8s.io/v1).</summary>
public sealed partial class EndpointSlice(JsonObject json) : KubeObject(json), IKubeKind<EndpointSlice>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "discovery.k8s.io";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "EndpointSlice";
    /// <summary>Resource plural.</summary>
    public const string Plural = "endpointslices";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static EndpointSlice Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced);
}
