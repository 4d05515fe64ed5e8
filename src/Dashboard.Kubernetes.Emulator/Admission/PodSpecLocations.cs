using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// Where each kind keeps a pod spec: pods themselves and the pod templates of workloads. The real server applies the
/// same defaults and validation to all of them, so admission reads this table instead of knowing kinds.
/// </summary>
internal static class PodSpecLocations
{
    private static readonly Dictionary<string, string> TemplatePaths = new(StringComparer.Ordinal)
    {
        ["replicationcontrollers"] = "spec.template",
        ["deployments.apps"] = "spec.template",
        ["replicasets.apps"] = "spec.template",
        ["statefulsets.apps"] = "spec.template",
        ["daemonsets.apps"] = "spec.template",
        ["jobs.batch"] = "spec.template",
        ["cronjobs.batch"] = "spec.jobTemplate.spec.template",
    };

    /// <summary>The key of the pod resource.</summary>
    public const string PodKey = "pods";

    /// <summary>The pod spec of an object and its field path (<c>spec</c> or <c>spec.template.spec</c>), or null.</summary>
    public static (JsonObject Spec, string Field)? Find(ResourceType rt, JsonObject obj)
    {
        if (rt.Key == PodKey) return obj["spec"] is JsonObject s ? (s, "spec") : null;
        if (!TemplatePaths.TryGetValue(rt.Key, out var path)) return null;
        return obj.At(path + ".spec") is JsonObject t ? (t, path + ".spec") : null;
    }
}
