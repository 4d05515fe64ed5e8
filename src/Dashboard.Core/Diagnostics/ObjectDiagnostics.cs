using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Diagnostics;

/// <summary>Workload, claim and node health, explained. Pure functions over the objects (and events) the cache holds.</summary>
public static class ObjectDiagnostics
{
    /// <summary>Why a Deployment/StatefulSet/ReplicaSet has fewer ready replicas than desired, or is not progressing.</summary>
    public static IReadOnlyList<Finding> Workload(KubeObject workload, IEnumerable<KubeObject>? pods = null)
    {
        var findings = new List<Finding>();
        var desired = workload.GetInt64("spec.replicas") ?? 1;
        var ready = workload.GetInt64("status.readyReplicas") ?? 0;
        var updated = workload.GetInt64("status.updatedReplicas") ?? 0;
        var conditions = (workload.Status?["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        JsonObject? Cond(string type) => conditions.FirstOrDefault(c => (string?)c["type"] == type);

        if (Cond("ReplicaFailure") is { } failure && (string?)failure["status"] == "True")
            findings.Add(new Finding("ReplicaFailure", Severity.Error, "Pods cannot be created (admission refused them).", (string?)failure["message"]));
        if (Cond("Progressing") is { } progressing && (string?)progressing["reason"] == "ProgressDeadlineExceeded")
            findings.Add(new Finding("RolloutStuck", Severity.Error, "The rollout has stopped progressing.", (string?)progressing["message"]));
        if (workload.Json["spec"]?["paused"] is JsonValue p && p.GetValue<bool>())
            findings.Add(new Finding("Paused", Severity.Warning, "The rollout is paused: template changes are not rolled out."));
        if (ready < desired)
            findings.Add(NotReady(desired, ready, updated, pods, "replicas"));
        return findings;
    }

    /// <summary>
    /// Why a DaemonSet has fewer ready pods than nodes it should run on. It has no replica count: its status counts
    /// the nodes that should run a daemon pod (desiredNumberScheduled) and those whose pod is ready (numberReady).
    /// </summary>
    public static IReadOnlyList<Finding> DaemonSet(KubeObject daemonSet, IEnumerable<KubeObject>? pods = null)
    {
        var desired = daemonSet.GetInt64("status.desiredNumberScheduled") ?? 0;
        var ready = daemonSet.GetInt64("status.numberReady") ?? 0;
        var updated = daemonSet.GetInt64("status.updatedNumberScheduled") ?? 0;
        return ready < desired ? [NotReady(desired, ready, updated, pods, "daemon pods")] : [];
    }

    // Fewer ready than desired, with the distinct problems its pods report.
    private static Finding NotReady(long desired, long ready, long updated, IEnumerable<KubeObject>? pods, string noun)
    {
        var detail = $"{ready} of {desired} ready, {updated} up to date";
        var podFindings = (pods ?? []).SelectMany(pod => PodDiagnostics.Diagnose(pod)).GroupBy(f => f.Code).Select(g => g.First()).ToList();
        var why = podFindings.Count > 0 ? " Pods report: " + string.Join("; ", podFindings.Select(f => f.Summary)) : "";
        return new Finding("ReplicasUnavailable", desired > 0 && ready == 0 ? Severity.Error : Severity.Warning,
            $"{desired - ready} of {desired} {noun} are not ready.{why}", detail);
    }

    /// <summary>Why a PersistentVolumeClaim is Pending (from its events: provisioning or binding failures).</summary>
    public static IReadOnlyList<Finding> Claim(KubeObject claim, IEnumerable<KubeObject>? events = null)
    {
        if (claim.GetString("status.phase") != "Pending") return [];
        var last = (events ?? []).Where(e => (string?)e.Json["type"] == "Warning" || (string?)e.Json["reason"] == "WaitForFirstConsumer")
            .OrderByDescending(e => e.GetString("lastTimestamp")).FirstOrDefault();
        if (last is not null && (string?)last.Json["reason"] == "WaitForFirstConsumer")
            return [new Finding("ClaimWaitsForConsumer", Severity.Warning, "The claim binds once a pod that uses it is scheduled.", (string?)last.Json["message"])];
        return [new Finding("ClaimPending", Severity.Error, "The claim has no volume.", (string?)last?.Json["message"])];
    }

    /// <summary>Node readiness and pressure conditions.</summary>
    public static IReadOnlyList<Finding> Node(KubeObject node)
    {
        var findings = new List<Finding>();
        foreach (var c in (node.Status?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = (string?)c["type"];
            var state = (string?)c["status"];
            if (type == "Ready" && state != "True")
                findings.Add(new Finding("NodeNotReady", Severity.Error, "The node is not ready: its pods are not running there.", (string?)c["message"]));
            else if (type is "MemoryPressure" or "DiskPressure" or "PIDPressure" && state == "True")
                findings.Add(new Finding("NodePressure", Severity.Warning, $"The node reports {type}.", (string?)c["message"]));
        }
        if (node.Json["spec"]?["unschedulable"] is JsonValue u && u.GetValue<bool>())
            findings.Add(new Finding("Cordoned", Severity.Warning, "The node is cordoned: no new pods are scheduled on it."));
        return findings;
    }

    /// <summary>A compact text of findings for logs and tooltips.</summary>
    public static string Describe(IEnumerable<Finding> findings) =>
        string.Join(Environment.NewLine, findings.Select(f => f.Detail is null ? f.Summary : string.Create(CultureInfo.InvariantCulture, $"{f.Summary} ({f.Detail})")));
}
