using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>
/// Projects the simulated runtime into pod status the way the kubelet's status manager does: phase (getPhase rules),
/// the five conditions with stable transition times, container statuses, IPs, start time and QoS class.
/// Conditions other components own (readiness gates, DisruptionTarget) are kept.
/// </summary>
internal static class PodStatusBuilder
{
    private static readonly string[] OwnConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];

    public static JsonObject Build(JsonObject pod, PodRuntime p, string hostIp, DateTimeOffset now)
    {
        var old = pod["status"] as JsonObject ?? new JsonObject();
        var phase = Phase(p);
        var status = new JsonObject { ["phase"] = phase };
        var conditions = Conditions(pod, p, phase, old, now);
        status["conditions"] = conditions;
        foreach (var keep in new[] { "message", "reason", "nominatedNodeName" })
            if (old[keep] is JsonNode v) status[keep] = v.DeepClone();
        status["hostIP"] = hostIp;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        if (p.PodIp is { } ip)
        {
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        }
        status["startTime"] = Json.Time(p.StartTime);
        if (p.Init.Count > 0) status["initContainerStatuses"] = new JsonArray(p.Init.Select(c => (JsonNode)ContainerStatus(c)).ToArray());
        status["containerStatuses"] = new JsonArray(p.Main.Select(c => (JsonNode)ContainerStatus(c)).ToArray());
        if (p.Ephemeral.Count > 0)
            status["ephemeralContainerStatuses"] = new JsonArray(p.Ephemeral.Select(c => (JsonNode)ContainerStatus(c)).ToArray());
        status["qosClass"] = old.Str("qosClass") ?? QosClass.Of(pod);
        return status;
    }

    /// <summary>The kubelet's getPhase over the simulated containers.</summary>
    public static string Phase(PodRuntime p)
    {
        if (p.Init.Any(c => !c.Spec.IsSidecar && c.Step == ContainerStep.Done && c.ExitCode != 0)) return "Failed";
        if (p.Stage != PodStage.Main) return "Pending";
        int waiting = 0, running = 0, stopped = 0, succeeded = 0;
        foreach (var c in p.Main)
        {
            if (c.IsRunning) running++;
            else if (c.IsTerminated)
            {
                stopped++;
                if (c.ExitCode == 0) succeeded++;
            }
            else if (c.LastState is not null) stopped++;
            else waiting++;
        }
        if (p.Terminating && running == 0 && waiting == 0) return stopped == succeeded ? "Succeeded" : "Failed";
        if (waiting > 0) return "Pending";
        if (running > 0) return "Running";
        if (stopped == 0) return "Pending";
        if (p.RestartPolicy == "Always") return "Running";
        if (stopped == succeeded && p.Main.All(c => c.Step == ContainerStep.Done)) return "Succeeded";
        if (p.RestartPolicy == "Never") return "Failed";
        return "Running";
    }

    private static JsonArray Conditions(JsonObject pod, PodRuntime p, string phase, JsonObject old, DateTimeOffset now)
    {
        var oldConditions = old.Items("conditions").ToList();
        var terminal = phase is "Succeeded" or "Failed";
        var result = new JsonArray
        {
            Condition(oldConditions, "PodReadyToStartContainers", p.SandboxReady && !terminal && !p.Terminating, null, null, now),
        };
        var incompleteInit = p.Init.Where(c => c.Spec.IsSidecar ? !c.EverCreated : !c.Succeeded).Select(c => c.Spec.Name).ToList();
        var initialized = incompleteInit.Count == 0 || (terminal && p.Stage == PodStage.Main);
        result.Add(Condition(oldConditions, "Initialized", initialized, initialized ? null : "ContainersNotInitialized",
            initialized ? null : $"containers with incomplete status: [{string.Join(' ', incompleteInit)}]", now));

        var unready = p.Sidecars.Concat(p.Main).Where(c => !c.Ready).Select(c => c.Spec.Name).ToList();
        var containersReady = unready.Count == 0 && !terminal;
        string? reason = null, message = null;
        if (!containersReady)
        {
            if (terminal) reason = "PodCompleted";
            else
            {
                reason = "ContainersNotReady";
                message = $"containers with unready status: [{string.Join(' ', unready)}]";
            }
        }
        var (gatesOk, gateMessage) = ReadinessGates(pod, oldConditions);
        var ready = containersReady && gatesOk;
        result.Add(Condition(oldConditions, "Ready", ready,
            ready ? null : containersReady ? "ReadinessGatesNotReady" : reason,
            ready ? null : containersReady ? gateMessage : message, now));
        result.Add(Condition(oldConditions, "ContainersReady", containersReady, reason, message, now));
        result.Add(Condition(oldConditions, "PodScheduled", true, null, null, now));
        foreach (var c in oldConditions)
            if (!OwnConditions.Contains(c.Str("type"))) result.Add(c.DeepClone());
        return result;
    }

    private static (bool Ok, string? Message) ReadinessGates(JsonObject pod, List<JsonObject> conditions)
    {
        foreach (var gate in pod.Items("spec.readinessGates"))
        {
            var type = gate.Str("conditionType") ?? "";
            var c = conditions.FirstOrDefault(x => x.Str("type") == type);
            if (c is null) return (false, $"corresponding condition of pod readiness gate \"{type}\" does not exist.");
            if (c.Str("status") != "True") return (false, $"the status of pod readiness gate \"{type}\" is not \"True\", but {c.Str("status")}");
        }
        return (true, null);
    }

    private static JsonObject Condition(List<JsonObject> old, string type, bool value, string? reason, string? message, DateTimeOffset now)
    {
        var status = value ? "True" : "False";
        var previous = old.FirstOrDefault(c => c.Str("type") == type);
        var c = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = previous is not null && previous.Str("status") == status && previous["lastTransitionTime"] is JsonNode t
                ? t.DeepClone()
                : Json.Time(now),
        };
        if (reason is not null) c["reason"] = reason;
        if (message is not null) c["message"] = message;
        return c;
    }

    private static JsonObject ContainerStatus(ContainerRuntime c)
    {
        var s = c.Spec;
        var status = new JsonObject
        {
            ["name"] = s.Name,
            ["state"] = c.State.DeepClone(),
            ["lastState"] = c.LastState?.DeepClone() ?? new JsonObject(),
            ["ready"] = !s.IsEphemeral && (s.IsInit && !s.IsSidecar ? c.Succeeded : c.Ready),
            ["restartCount"] = c.RestartCount,
            ["image"] = c.EverCreated ? ImageNames.Normalize(s.Image) : s.Image,
            ["imageID"] = c.EverCreated ? ImageNames.ImageId(s.Image) : "",
        };
        if (c.ContainerId is not null) status["containerID"] = c.ContainerId;
        status["started"] = c.Started && c.IsRunning;
        if (s.VolumeMounts is { Count: > 0 } mounts)
        {
            var arr = new JsonArray();
            foreach (var m in mounts.OfType<JsonObject>())
            {
                var vm = new JsonObject { ["name"] = m.Str("name"), ["mountPath"] = m.Str("mountPath") };
                if (m.Bool("readOnly") == true)
                {
                    vm["readOnly"] = true;
                    vm["recursiveReadOnly"] = "Disabled";
                }
                arr.Add(vm);
            }
            status["volumeMounts"] = arr;
        }
        return status;
    }
}
