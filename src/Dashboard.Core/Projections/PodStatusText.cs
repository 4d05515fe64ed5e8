using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>
/// kubectl's pod STATUS, READY and RESTARTS rules. The status starts as the phase (or status.reason, e.g. Evicted),
/// becomes SchedulingGated while gated, Init:&lt;reason&gt; or Init:i/n while an init container has not finished, the
/// last non-empty container reason (waiting, then terminated, else ExitCode:n / Signal:n) once initialized, and
/// Terminating (Unknown on a lost node) while deleted. Sidecars (init containers with restartPolicy Always) count as
/// containers once started. Restarts: the init containers' while initializing, else the sidecars' plus the
/// containers'; the last restart is the latest lastState.terminated.finishedAt among those counted.
/// </summary>
internal readonly record struct PodStatusText(string Reason, int ReadyContainers, int TotalContainers, int Restarts, DateTimeOffset? LastRestart)
{
    public static PodStatusText Of(JsonObject pod)
    {
        var spec = pod["spec"] as JsonObject;
        var status = pod["status"] as JsonObject;
        var conditions = status.P("conditions");
        var phase = S(status.P("phase")) ?? "";
        var reason = S(status.P("reason")) is { Length: > 0 } r ? r : phase;
        if (S(Condition(conditions, "PodScheduled").P("reason")) == "SchedulingGated") reason = "SchedulingGated";

        var total = Count(spec.P("containers"));
        var initCount = 0;
        HashSet<string>? sidecars = null;
        foreach (var ic in Objects(spec.P("initContainers")))
        {
            initCount++;
            if (S(ic["restartPolicy"]) != "Always") continue;
            (sidecars ??= new HashSet<string>(StringComparer.Ordinal)).Add(S(ic["name"]) ?? "");
            total++;
        }

        var ready = 0;
        var restarts = 0;
        var sidecarRestarts = 0;
        DateTimeOffset? last = null;
        DateTimeOffset? sidecarLast = null;
        var initializing = false;
        var index = 0;
        foreach (var cs in Objects(status.P("initContainerStatuses")))
        {
            var i = index++;
            var count = I(cs["restartCount"]);
            var finished = Time(cs["lastState"].P("terminated").P("finishedAt"));
            restarts += count;
            last = Latest(last, finished);
            var sidecar = sidecars?.Contains(S(cs["name"]) ?? "") == true;
            if (sidecar)
            {
                sidecarRestarts += count;
                sidecarLast = Latest(sidecarLast, finished);
            }
            var terminated = cs["state"].P("terminated") as JsonObject;
            var waiting = cs["state"].P("waiting") as JsonObject;
            if (terminated is not null && (L(terminated["exitCode"]) ?? 0) == 0) continue;
            if (sidecar && B(cs["started"]) == true)
            {
                if (B(cs["ready"]) == true) ready++;
                continue;
            }
            if (terminated is not null)
                reason = "Init:" + TerminatedReason(terminated);
            else if (waiting is not null && S(waiting["reason"]) is { Length: > 0 } wr && wr != "PodInitializing")
                reason = "Init:" + wr;
            else
                reason = Inv($"Init:{i}/{initCount}");
            initializing = true;
            break;
        }

        if (!initializing || IsTrue(conditions, "Initialized"))
        {
            restarts = sidecarRestarts;
            last = sidecarLast;
            var running = false;
            if (status.P("containerStatuses") is JsonArray statuses)
            {
                // kubectl walks the containers last to first, so the first container's reason wins.
                for (var i = statuses.Count - 1; i >= 0; i--)
                {
                    if (statuses[i] is not JsonObject cs) continue;
                    restarts += I(cs["restartCount"]);
                    last = Latest(last, Time(cs["lastState"].P("terminated").P("finishedAt")));
                    var state = cs["state"] as JsonObject;
                    if (state.P("waiting") is JsonObject w && S(w["reason"]) is { Length: > 0 } wr) reason = wr;
                    else if (state.P("terminated") is JsonObject t) reason = TerminatedReason(t);
                    else if (B(cs["ready"]) == true && state.P("running") is not null)
                    {
                        running = true;
                        ready++;
                    }
                }
            }
            if (reason == "Completed" && running) reason = IsTrue(conditions, "Ready") ? "Running" : "NotReady";
        }

        if (pod["metadata"].P("deletionTimestamp") is not null)
        {
            if (S(status.P("reason")) == "NodeLost") reason = "Unknown";
            else if (phase is not ("Succeeded" or "Failed")) reason = "Terminating";
        }
        return new PodStatusText(reason, ready, total, restarts, last);
    }

    private static string TerminatedReason(JsonObject terminated)
    {
        if (S(terminated["reason"]) is { Length: > 0 } reason) return reason;
        var signal = L(terminated["signal"]) ?? 0;
        return signal != 0 ? Inv($"Signal:{signal}") : Inv($"ExitCode:{L(terminated["exitCode"]) ?? 0}");
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : b > a ? b : a;
}
