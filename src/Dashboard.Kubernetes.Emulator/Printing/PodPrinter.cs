using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Server;
using static Dashboard.Kubernetes.Emulator.Printing.Format;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>
/// The pod row of <c>kubectl get pods</c>: Ready containers, the aggregate status string (Init:x/y, CrashLoopBackOff,
/// Completed, Terminating, Unknown for lost nodes...), restarts with the time of the last one, and the wide columns.
/// </summary>
internal static class PodPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        Col.Name,
        Col.Str("Ready", "The aggregate readiness state of this pod for accepting traffic."),
        Col.Str("Status", "The aggregate status of the containers in this pod."),
        Col.Str("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        Col.Age,
        Col.Str("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
        Col.Str("Node", "NodeName indicates in which node this pod is scheduled.", 1),
        Col.Str("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node.", 1),
        Col.Str("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
    ];

    public static KindPrinter Printer { get; } = new(Columns, Cells);

    public static JsonNode?[] Cells(JsonObject pod, DateTimeOffset now)
    {
        var spec = pod["spec"] as JsonObject;
        var status = pod["status"] as JsonObject;
        var meta = pod["metadata"] as JsonObject;
        var restarts = 0L;
        var restartableInitRestarts = 0L;
        var containers = spec?["containers"] as JsonArray;
        var totalContainers = containers?.Count ?? 0;
        var readyContainers = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastRestartableInitRestart = null;

        var phase = S(status?["phase"]) ?? "";
        var reason = phase;
        if (S(status?["reason"]) is { Length: > 0 } statusReason) reason = statusReason;
        foreach (var c in Objects(status?["conditions"]))
            if (S(c["type"]) == "PodScheduled" && S(c["reason"]) == "SchedulingGated") reason = "SchedulingGated";

        HashSet<string>? restartableInit = null;
        var initCount = 0;
        foreach (var ic in Objects(spec?["initContainers"]))
        {
            initCount++;
            if (S(ic["restartPolicy"]) == "Always")
            {
                (restartableInit ??= new HashSet<string>(StringComparer.Ordinal)).Add(S(ic["name"]) ?? "");
                totalContainers++;
            }
        }

        var initializing = false;
        var index = 0;
        foreach (var cs in Objects(status?["initContainerStatuses"]))
        {
            var i = index++;
            restarts += L(cs["restartCount"]) ?? 0;
            var finished = Time(cs["lastState"]?["terminated"]?["finishedAt"]);
            if (finished > lastRestart || (lastRestart is null && finished is not null)) lastRestart = finished;
            var isRestartable = restartableInit is not null && restartableInit.Contains(S(cs["name"]) ?? "");
            if (isRestartable)
            {
                restartableInitRestarts += L(cs["restartCount"]) ?? 0;
                if (finished > lastRestartableInitRestart || (lastRestartableInitRestart is null && finished is not null)) lastRestartableInitRestart = finished;
            }
            var terminated = cs["state"]?["terminated"] as JsonObject;
            var waiting = cs["state"]?["waiting"] as JsonObject;
            if (terminated is not null && (L(terminated["exitCode"]) ?? 0) == 0) continue;
            if (isRestartable && B(cs["started"]) == true)
            {
                if (B(cs["ready"]) == true) readyContainers++;
                continue;
            }
            if (terminated is not null)
            {
                var tr = S(terminated["reason"]);
                if (string.IsNullOrEmpty(tr))
                {
                    var signal = L(terminated["signal"]) ?? 0;
                    reason = signal != 0 ? Inv($"Init:Signal:{signal}") : Inv($"Init:ExitCode:{L(terminated["exitCode"]) ?? 0}");
                }
                else reason = "Init:" + tr;
            }
            else if (waiting is not null && S(waiting["reason"]) is { Length: > 0 } wr && wr != "PodInitializing")
                reason = "Init:" + wr;
            else
                reason = Inv($"Init:{i}/{initCount}");
            initializing = true;
            break;
        }

        if (!initializing || HasCondition(status, "Initialized"))
        {
            restarts = restartableInitRestarts;
            lastRestart = lastRestartableInitRestart;
            var hasRunning = false;
            var statuses = status?["containerStatuses"] as JsonArray;
            for (var i = (statuses?.Count ?? 0) - 1; i >= 0; i--)
            {
                if (statuses![i] is not JsonObject cs) continue;
                restarts += L(cs["restartCount"]) ?? 0;
                var finished = Time(cs["lastState"]?["terminated"]?["finishedAt"]);
                if (finished > lastRestart || (lastRestart is null && finished is not null)) lastRestart = finished;
                var state = cs["state"] as JsonObject;
                var waiting = state?["waiting"] as JsonObject;
                var terminated = state?["terminated"] as JsonObject;
                if (waiting is not null && S(waiting["reason"]) is { Length: > 0 } wr) reason = wr;
                else if (terminated is not null && S(terminated["reason"]) is { Length: > 0 } tr) reason = tr;
                else if (terminated is not null)
                {
                    var signal = L(terminated["signal"]) ?? 0;
                    reason = signal != 0 ? Inv($"Signal:{signal}") : Inv($"ExitCode:{L(terminated["exitCode"]) ?? 0}");
                }
                else if (B(cs["ready"]) == true && state?["running"] is not null)
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            if (reason == "Completed" && hasRunning)
                reason = HasCondition(status, "Ready") ? "Running" : "NotReady";
        }

        if (meta?["deletionTimestamp"] is not null)
        {
            if (S(status?["reason"]) == "NodeLost") reason = "Unknown";
            else if (phase is not ("Succeeded" or "Failed")) reason = "Terminating";
        }

        var restartsText = restarts != 0 && lastRestart is { } lr
            ? N(restarts) + " (" + HumanDuration(now - lr) + " ago)"
            : N(restarts);

        var podIp = (status?["podIPs"] as JsonArray)?.FirstOrDefault() is JsonObject first ? S(first["ip"]) : null;
        if (string.IsNullOrEmpty(podIp)) podIp = None;
        var nodeName = S(spec?["nodeName"]);
        if (string.IsNullOrEmpty(nodeName)) nodeName = None;
        var nominated = S(status?["nominatedNodeName"]);
        if (string.IsNullOrEmpty(nominated)) nominated = None;

        return
        [
            S(meta?["name"]),
            N(readyContainers) + "/" + N(totalContainers),
            reason,
            restartsText,
            Since(meta?["creationTimestamp"], now),
            podIp,
            nodeName,
            nominated,
            ReadinessGates(spec, status),
        ];
    }

    private static string ReadinessGates(JsonObject? spec, JsonObject? status)
    {
        if (spec?["readinessGates"] is not JsonArray gates || gates.Count == 0) return None;
        var trueConditions = 0;
        foreach (var gate in Objects(gates))
        {
            var type = S(gate["conditionType"]);
            foreach (var c in Objects(status?["conditions"]))
            {
                if (S(c["type"]) != type) continue;
                if (S(c["status"]) == "True") trueConditions++;
                break;
            }
        }
        return Inv($"{trueConditions}/{gates.Count}");
    }

    private static bool HasCondition(JsonObject? status, string type)
    {
        foreach (var c in Objects(status?["conditions"]))
            if (S(c["type"]) == type && S(c["status"]) == "True") return true;
        return false;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
