using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>How workload controllers read pod state: the kubelet owns pod status, controllers only look at it.</summary>
internal static class Pods
{
    public static bool IsTerminating(JsonObject pod) => pod.At("metadata.deletionTimestamp") is not null;

    public static bool IsTerminal(JsonObject pod) => pod.Str("status.phase") is "Succeeded" or "Failed";

    /// <summary>Active as ReplicaSets count them: not terminal and not being deleted.</summary>
    public static bool IsActive(JsonObject pod) => !IsTerminating(pod) && !IsTerminal(pod);

    public static bool IsReady(JsonObject pod) =>
        pod.Str("status.phase") == "Running" &&
        pod.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    /// <summary>Ready for at least <paramref name="minReadySeconds"/>, as of <paramref name="now"/>.</summary>
    public static bool IsAvailable(JsonObject pod, long minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod)) return false;
        if (minReadySeconds <= 0) return true;
        var ready = pod.Items("status.conditions").First(c => c.Str("type") == "Ready");
        var since = Json.ParseTime(ready.Str("lastTransitionTime"));
        return since is null || since.Value.AddSeconds(minReadySeconds) <= now;
    }

    /// <summary>When a ready pod becomes available (for requeueing), or null when it already is or never will be.</summary>
    public static DateTimeOffset? AvailableAt(JsonObject pod, long minReadySeconds)
    {
        if (!IsReady(pod) || minReadySeconds <= 0) return null;
        var ready = pod.Items("status.conditions").First(c => c.Str("type") == "Ready");
        return Json.ParseTime(ready.Str("lastTransitionTime"))?.AddSeconds(minReadySeconds);
    }

    /// <summary>A pod built from a template the way controllers do (labels, annotations, spec; finalizers stripped).</summary>
    public static JsonObject FromTemplate(JsonObject? template, JsonObject owner, string? generateName, string? name)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject(),
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
        var meta = pod.Meta();
        if (name is not null) meta["name"] = name;
        if (generateName is not null) meta["generateName"] = generateName;
        meta["namespace"] = owner.Namespace();
        if (template.At("metadata.labels") is JsonObject labels) meta["labels"] = labels.DeepClone();
        if (template.At("metadata.annotations") is JsonObject ann) meta["annotations"] = ann.DeepClone();
        meta["ownerReferences"] = new JsonArray(Owners.ControllerRef(owner));
        return pod;
    }
}
