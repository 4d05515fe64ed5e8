using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A Service (v1).</summary>
public sealed partial class Service(JsonObject json) : KubeObject(json), IKubeKind<Service>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "Service";
    /// <summary>Resource plural.</summary>
    public const string Plural = "services";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static Service Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["svc"], Categories = ["all"], Subresources = ["status"] };
}
