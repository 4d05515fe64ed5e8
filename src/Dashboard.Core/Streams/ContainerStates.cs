using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Streams;

/// <summary>Which list of the pod spec a container is in.</summary>
internal enum ContainerRole { Init, App, Ephemeral }

/// <summary>
/// A container as the log streams need it: its run (by container ID), and whether it waits or ended. <c>Run</c> names
/// the current run (its containerID, else its start time) and is null while waiting; <c>LastRun</c> names the run in
/// lastState.terminated.
/// </summary>
internal sealed record ContainerState(string Name, ContainerRole Role, bool Sidecar, bool Running, string? Run,
    string? WaitingReason, string? WaitingMessage, int? ExitCode, string? ExitReason, string? LastRun, int? LastExitCode,
    string? LastExitReason, long RestartCount);

/// <summary>Reads container specs and statuses from pod JSON.</summary>
internal static class ContainerStates
{
    /// <summary>Container names in kubectl's --all-containers order: init, app, ephemeral.</summary>
    public static IReadOnlyList<(string Name, ContainerRole Role)> Names(KubeObject pod)
    {
        var names = new List<(string, ContainerRole)>();
        Add(pod.Spec?["initContainers"], ContainerRole.Init);
        Add(pod.Spec?["containers"], ContainerRole.App);
        Add(pod.Spec?["ephemeralContainers"], ContainerRole.Ephemeral);
        return names;

        void Add(JsonNode? list, ContainerRole role)
        {
            foreach (var c in (list as JsonArray ?? []).OfType<JsonObject>())
                if ((string?)c["name"] is { Length: > 0 } name) names.Add((name, role));
        }
    }

    /// <summary>The state of one container, or null when the pod has no such container.</summary>
    public static ContainerState? Of(KubeObject pod, string container)
    {
        var (role, spec) = Find(pod, container);
        if (spec is null) return null;
        var statusList = role switch
        {
            ContainerRole.Init => "initContainerStatuses",
            ContainerRole.Ephemeral => "ephemeralContainerStatuses",
            _ => "containerStatuses",
        };
        var status = (pod.Status?[statusList] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(s => (string?)s["name"] == container);
        var sidecar = role == ContainerRole.Init && (string?)spec["restartPolicy"] == "Always";
        var restarts = status?["restartCount"] is JsonValue rc && rc.TryGetValue<long>(out var r) ? r : 0;
        var id = (string?)status?["containerID"];
        var last = status?["lastState"]?["terminated"] as JsonObject;
        var lastRun = (string?)last?["containerID"] ?? (string?)last?["startedAt"];
        var lastExit = Int(last?["exitCode"]);
        var lastReason = (string?)last?["reason"];
        var state = status?["state"] as JsonObject;
        if (state?["running"] is JsonObject running)
            return new(container, role, sidecar, true, id ?? (string?)running["startedAt"], null, null, null, null, lastRun, lastExit, lastReason, restarts);
        if (state?["terminated"] is JsonObject terminated)
            return new(container, role, sidecar, false, (string?)terminated["containerID"] ?? id ?? (string?)terminated["startedAt"], null, null,
                Int(terminated["exitCode"]), (string?)terminated["reason"], lastRun, lastExit, lastReason, restarts);
        var waiting = state?["waiting"] as JsonObject;
        var reason = (string?)waiting?["reason"] ?? PendingReason(pod);
        return new(container, role, sidecar, false, null, reason, (string?)waiting?["message"], null, null, lastRun, lastExit, lastReason, restarts);
    }

    /// <summary>Whether a container that stopped will run again (so a follow waits for its next run).</summary>
    public static bool WillRestart(KubeObject pod, ContainerState state)
    {
        if (pod.DeletionTimestamp is not null || pod.GetString("status.phase") is "Succeeded" or "Failed") return false;
        if (state.Role == ContainerRole.Ephemeral) return false;
        if (state.Sidecar) return true;
        if (state.Role == ContainerRole.Init && state.ExitCode == 0) return false;
        return pod.GetString("spec.restartPolicy") switch
        {
            "Never" => false,
            "OnFailure" => state.ExitCode != 0,
            _ => true,
        };
    }

    private static (ContainerRole, JsonObject?) Find(KubeObject pod, string container)
    {
        foreach (var (list, role) in new[] { ("initContainers", ContainerRole.Init), ("containers", ContainerRole.App), ("ephemeralContainers", ContainerRole.Ephemeral) })
            if ((pod.Spec?[list] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["name"] == container) is { } spec)
                return (role, spec);
        return (ContainerRole.App, null);
    }

    /// <summary>Why a container without a status has not started: the scheduler's reason, or where the pod is.</summary>
    private static string PendingReason(KubeObject pod)
    {
        var scheduled = (pod.Status?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "PodScheduled");
        if ((string?)scheduled?["status"] == "False" && (string?)scheduled["reason"] is { } reason) return reason;
        return string.IsNullOrEmpty(pod.GetString("spec.nodeName")) ? "Pending" : "ContainerCreating";
    }

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
