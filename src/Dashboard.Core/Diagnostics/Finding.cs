namespace Dashboard.Core.Diagnostics;

/// <summary>How bad a finding is.</summary>
public enum Severity
{
    /// <summary>Degraded, may recover by itself.</summary>
    Warning,
    /// <summary>Broken until someone acts.</summary>
    Error,
}

/// <summary>
/// One reason why something is not healthy. <see cref="Code"/> is stable and machine-readable (the web layer picks its
/// localized text by it); <see cref="Summary"/> and <see cref="Detail"/> are English and carry the cluster's own words.
/// </summary>
/// <param name="Code">ImagePullBackOff, CrashLoopBackOff, OOMKilled, Unschedulable, ProbeFailing, InitStuck, ConfigError,
/// ClaimPending, ReplicasUnavailable, RolloutStuck, ReplicaFailure, NodeNotReady, NodePressure...</param>
/// <param name="Severity">How bad.</param>
/// <param name="Summary">One sentence.</param>
/// <param name="Detail">The cluster's message (scheduler, kubelet, controller), when there is one.</param>
/// <param name="Container">The container concerned, for pod findings.</param>
public sealed record Finding(string Code, Severity Severity, string Summary, string? Detail = null, string? Container = null);
