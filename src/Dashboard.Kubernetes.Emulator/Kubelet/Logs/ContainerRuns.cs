using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>Picks the run of a container a log request reads, with the kubelet's errors when there is none.</summary>
internal static class ContainerRuns
{
    public static LogSubject Subject(JsonObject pod, PodContainer container) =>
        new(pod.Uid(), pod.Name(), pod.Namespace(), pod.Str("status.podIP") ?? "10.244.0.1", container);

    /// <summary>The current run (running, or the last one that ended), or the previous one.</summary>
    public static ContainerRun Select(JsonObject pod, PodContainer container, bool previous, DateTimeOffset now)
    {
        var subject = Subject(pod, container);
        var status = container.Status;
        if (previous)
        {
            var last = status?.At("lastState.terminated") as JsonObject
                ?? throw ApiException.BadRequest($"previous terminated container \"{container.Name}\" in pod \"{pod.Name()}\" not found");
            return Ended(subject, last, now);
        }
        if (status?.At("state.running") is JsonObject running)
            return new ContainerRun(subject, Json.ParseTime(running.Str("startedAt")) ?? StartOf(pod, now), null);
        if (status?.At("state.terminated") is JsonObject terminated) return Ended(subject, terminated, now);
        if (status?.At("lastState.terminated") is JsonObject lastTerminated) return Ended(subject, lastTerminated, now);
        var reason = status?.Str("state.waiting.reason") is { Length: > 0 } r ? r : "ContainerCreating";
        if (reason is "ErrImagePull" or "ImagePullBackOff" or "ErrImageNeverPull" or "InvalidImageName")
            reason = "trying and failing to pull image";
        throw ApiException.BadRequest($"container \"{container.Name}\" in pod \"{pod.Name()}\" is waiting to start: {reason}");
    }

    /// <summary>True when <paramref name="status"/> still reports the run that started at <paramref name="startedAt"/> as running.</summary>
    public static bool StillRunning(JsonObject? status, DateTimeOffset startedAt) =>
        status?.At("state.running") is JsonObject r && Json.ParseTime(r.Str("startedAt")) is { } s && Same(s, startedAt);

    /// <summary>How the run that started at <paramref name="startedAt"/> ended, when the status says so.</summary>
    public static ContainerExit? ExitOf(JsonObject? status, DateTimeOffset startedAt, DateTimeOffset now)
    {
        foreach (var path in new[] { "state.terminated", "lastState.terminated" })
            if (status?.At(path) is JsonObject t && Json.ParseTime(t.Str("startedAt")) is { } s && Same(s, startedAt))
                return Exit(t, now);
        return null;
    }

    private static bool Same(DateTimeOffset a, DateTimeOffset b) => Math.Abs((a - b).TotalSeconds) < 1;

    private static ContainerRun Ended(LogSubject subject, JsonObject terminated, DateTimeOffset now)
    {
        var exit = Exit(terminated, now);
        var started = Json.ParseTime(terminated.Str("startedAt")) ?? exit.FinishedAt.AddSeconds(-1);
        return new ContainerRun(subject, started, exit);
    }

    private static ContainerExit Exit(JsonObject terminated, DateTimeOffset now) =>
        new(Json.ParseTime(terminated.Str("finishedAt")) ?? now, (int)(terminated.Int("exitCode") ?? 0), terminated.Str("reason") ?? "Error");

    private static DateTimeOffset StartOf(JsonObject pod, DateTimeOffset now) =>
        Json.ParseTime(pod.Str("status.startTime")) ?? Json.ParseTime(pod.Str("metadata.creationTimestamp")) ?? now;
}
