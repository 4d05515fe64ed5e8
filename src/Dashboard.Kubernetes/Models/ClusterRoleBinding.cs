using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A ClusterRoleBinding (rbac.authorization.k8s.io/v1).</summary>
public sealed partial class ClusterRoleBinding(JsonObject json) : KubeObject(json), IKubeKind<ClusterRoleBinding>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "rbac.authorization.k8s.io";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "ClusterRoleBinding";
    /// <summary>Resource plural.</summary>
    public const string Plural = "clusterrolebindings";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = false;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static ClusterRoleBinding Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced);
}
