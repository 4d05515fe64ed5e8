using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Diagnostics;

/// <summary>Why is this pod not running or not ready? Pure: the pod and its events in, findings out.</summary>
public static class PodDiagnostics
{
    private static readonly HashSet<string> PullReasons = new(StringComparer.Ordinal) { "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull" };
    private static readonly HashSet<string> ConfigReasons = new(StringComparer.Ordinal) { "CreateContainerConfigError", "CreateContainerError", "RunContainerError" };

    /// <summary>Findings for a pod, most important first; empty when it is healthy (or finished successfully).</summary>
    public static IReadOnlyList<Finding> Diagnose(KubeObject pod, IEnumerable<KubeObject>? events = null)
    {
        var findings = new List<Finding>();
        var status = pod.Status ?? [];
        var phase = (string?)status["phase"];
        if (phase == "Succeeded") return findings;

        var scheduled = Condition(status, "PodScheduled");
        if (scheduled is { } s && (string?)s["status"] == "False" && (string?)s["reason"] == "Unschedulable")
            findings.Add(new Finding("Unschedulable", Severity.Error, "No node can run this pod.", (string?)s["message"]));

        foreach (var c in Statuses(status, "initContainerStatuses"))
        {
            if (c.Ready) continue;
            var inner = ContainerFindings(c).ToList();
            if (inner.Count > 0) findings.AddRange(inner.Select(f => f with { Summary = $"Init container {c.Name}: {f.Summary}" }));
            else if (c.WaitingReason is not null && phase == "Pending")
                findings.Add(new Finding("InitStuck", Severity.Warning, $"Init container {c.Name} has not completed yet.", c.WaitingMessage, c.Name));
        }
        foreach (var c in Statuses(status, "containerStatuses")) findings.AddRange(ContainerFindings(c));

        var unhealthy = (events ?? []).Where(e => (string?)e.Json["reason"] == "Unhealthy" && (string?)e.Json["involvedObject"]?["uid"] is var uid
            && (uid is null || uid == pod.Uid)).ToList();
        var ready = Condition(status, "Ready");
        if (phase == "Running" && ready is not null && (string?)ready["status"] == "False" && !findings.Any(f => f.Code is "CrashLoopBackOff" or "OOMKilled"))
        {
            var probe = unhealthy.OrderByDescending(e => e.GetString("lastTimestamp")).FirstOrDefault();
            findings.Add(probe is not null
                ? new Finding("ProbeFailing", Severity.Warning, "A probe is failing, so the pod gets no traffic.", (string?)probe.Json["message"],
                    ContainerOf((string?)probe.Json["involvedObject"]?["fieldPath"]))
                : new Finding("NotReady", Severity.Warning, "The pod is running but not ready.", (string?)ready["message"]));
        }
        if (pod.DeletionTimestamp is { } deleting && pod.Finalizers.Count > 0)
            findings.Add(new Finding("StuckTerminating", Severity.Warning, $"Deletion waits for finalizers: {string.Join(", ", pod.Finalizers)}.",
                $"deletion requested at {deleting.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}"));
        return findings.OrderByDescending(f => f.Severity).ToList();
    }

    private static IEnumerable<Finding> ContainerFindings(ContainerState c)
    {
        if (c.WaitingReason is { } waiting)
        {
            if (PullReasons.Contains(waiting))
                yield return new Finding("ImagePullBackOff", Severity.Error, $"The image {c.Image} cannot be pulled.", c.WaitingMessage, c.Name);
            else if (waiting == "CrashLoopBackOff")
            {
                var oom = c.LastTerminatedReason == "OOMKilled";
                yield return new Finding(oom ? "OOMKilled" : "CrashLoopBackOff", Severity.Error,
                    oom
                        ? $"Container {c.Name} is killed for using more memory than its limit ({c.RestartCount} restarts)."
                        : $"Container {c.Name} keeps crashing: last exit code {c.LastExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"} ({c.LastTerminatedReason ?? "unknown"}), {c.RestartCount} restarts.",
                    c.LastTerminatedMessage ?? c.WaitingMessage, c.Name);
            }
            else if (ConfigReasons.Contains(waiting))
                yield return new Finding("ConfigError", Severity.Error, $"Container {c.Name} cannot be created from its configuration.", c.WaitingMessage, c.Name);
        }
        else if (c.LastTerminatedReason == "OOMKilled")
            yield return new Finding("OOMKilled", Severity.Warning, $"Container {c.Name} was OOMKilled before its last restart.", null, c.Name);
    }

    private static JsonObject? Condition(JsonObject status, string type) =>
        (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    private static string? ContainerOf(string? fieldPath) =>
        fieldPath is not null && fieldPath.StartsWith("spec.containers{", StringComparison.Ordinal) ? fieldPath["spec.containers{".Length..].TrimEnd('}') : null;

    private static IEnumerable<ContainerState> Statuses(JsonObject status, string field) =>
        (status[field] as JsonArray ?? []).OfType<JsonObject>().Select(c => new ContainerState(c));

    private sealed class ContainerState(JsonObject c)
    {
        public string Name => (string?)c["name"] ?? "";
        public string Image => (string?)c["image"] ?? "";
        public bool Ready => c["ready"] is JsonValue v && v.GetValue<bool>();
        public int RestartCount => c["restartCount"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        public string? WaitingReason => (string?)c["state"]?["waiting"]?["reason"];
        public string? WaitingMessage => (string?)c["state"]?["waiting"]?["message"];
        public string? LastTerminatedReason => (string?)c["lastState"]?["terminated"]?["reason"] ?? (string?)c["state"]?["terminated"]?["reason"];
        public string? LastTerminatedMessage => (string?)c["lastState"]?["terminated"]?["message"];
        public int? LastExitCode => c["lastState"]?["terminated"]?["exitCode"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
    }
}
