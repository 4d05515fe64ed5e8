using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>A CronJob (batch/v1).</summary>
public sealed partial class CronJob(JsonObject json) : KubeObject(json), IKubeKind<CronJob>
{
    /// <summary>API group ("" is the core group).</summary>
    public const string Group = "batch";
    /// <summary>API version.</summary>
    public const string Version = "v1";
    /// <summary>Kind.</summary>
    public const string KindName = "CronJob";
    /// <summary>Resource plural.</summary>
    public const string Plural = "cronjobs";
    /// <summary>Namespaced or cluster-scoped.</summary>
    public const bool IsNamespaced = true;

    /// <summary>Wraps JSON as this type (not copied).</summary>
    public static CronJob Wrap(JsonObject json) => new(json);

    /// <summary>The resource, for URLs and the registry.</summary>
    public static ResourceKind Resource { get; } = new(Group, Version, KindName, Plural, IsNamespaced) { ShortNames = ["cj"], Categories = ["all"], Subresources = ["status"] };
}
