using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections.Details;

/// <summary>Which of the three container states is set.</summary>
public enum ContainerStateKind
{
    /// <summary>No state reported (e.g. not yet created, or the pod is not scheduled).</summary>
    Unknown,
    /// <summary>Waiting: ContainerCreating, ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError...</summary>
    Waiting,
    /// <summary>Running since StartedAt.</summary>
    Running,
    /// <summary>Terminated with an exit code (Completed, Error, OOMKilled...).</summary>
    Terminated,
}

/// <summary>A container state (state or lastState), as <c>kubectl describe pod</c> lists it.</summary>
/// <param name="Kind">Which state.</param>
/// <param name="Reason">The reason, if any.</param>
/// <param name="Message">The message, if any (a termination message, a pull error...).</param>
/// <param name="ExitCode">The exit code when terminated.</param>
/// <param name="Signal">The signal when terminated by one.</param>
/// <param name="StartedAt">When it started running (running or terminated).</param>
/// <param name="FinishedAt">When it terminated.</param>
public sealed record ContainerStateView(ContainerStateKind Kind, string? Reason, string? Message, int? ExitCode, int? Signal,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>No state.</summary>
    public static ContainerStateView None { get; } = new(ContainerStateKind.Unknown, null, null, null, null, null, null);

    /// <summary>Reads a state object ({waiting|running|terminated: {...}}); null when it holds none.</summary>
    public static ContainerStateView? From(JsonNode? state)
    {
        if (state.P("waiting") is JsonObject w)
            return new(ContainerStateKind.Waiting, Empty(S(w["reason"])), Empty(S(w["message"])), null, null, null, null);
        if (state.P("running") is JsonObject r)
            return new(ContainerStateKind.Running, null, null, null, null, Time(r["startedAt"]), null);
        if (state.P("terminated") is JsonObject t)
            return new(ContainerStateKind.Terminated, Empty(S(t["reason"])), Empty(S(t["message"])), (int?)L(t["exitCode"]),
                L(t["signal"]) is { } sig and not 0 ? (int)sig : null, Time(t["startedAt"]), Time(t["finishedAt"]));
        return null;
    }

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
