using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>Whether a pod spec may run on a node: nodeSelector, required node affinity and NoSchedule/NoExecute taints.</summary>
internal static class NodeEligibility
{
    /// <summary>Tolerations every DaemonSet pod gets, so daemons run on cordoned and pressured nodes like real ones do.</summary>
    public static IEnumerable<JsonObject> DaemonTolerations(bool hostNetwork)
    {
        yield return Toleration("node.kubernetes.io/not-ready", "NoExecute");
        yield return Toleration("node.kubernetes.io/unreachable", "NoExecute");
        yield return Toleration("node.kubernetes.io/disk-pressure", "NoSchedule");
        yield return Toleration("node.kubernetes.io/memory-pressure", "NoSchedule");
        yield return Toleration("node.kubernetes.io/pid-pressure", "NoSchedule");
        yield return Toleration("node.kubernetes.io/unschedulable", "NoSchedule");
        if (hostNetwork) yield return Toleration("node.kubernetes.io/network-unavailable", "NoSchedule");
    }

    private static JsonObject Toleration(string key, string effect) =>
        new() { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect };

    public static bool Fits(JsonObject? podSpec, JsonObject node)
    {
        var labels = node.Labels();
        if (!LabelSelector.FromMap(Json.StringMap(podSpec.At("nodeSelector"))).Matches(labels)) return false;
        var terms = podSpec.At("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms") as JsonArray;
        if (terms is { Count: > 0 } && !terms.OfType<JsonObject>().Any(t => TermMatches(t, node, labels))) return false;
        var tolerations = podSpec.Items("tolerations").ToList();
        foreach (var taint in node.Items("spec.taints"))
        {
            if (taint.Str("effect") is not ("NoSchedule" or "NoExecute")) continue;
            if (!tolerations.Any(t => Tolerates(t, taint))) return false;
        }
        return true;
    }

    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        var effect = toleration.Str("effect");
        if (!string.IsNullOrEmpty(effect) && effect != taint.Str("effect")) return false;
        var key = toleration.Str("key") ?? "";
        if ((toleration.Str("operator") ?? "Equal") == "Exists") return key.Length == 0 || key == taint.Str("key");
        return key == taint.Str("key") && (toleration.Str("value") ?? "") == (taint.Str("value") ?? "");
    }

    private static bool TermMatches(JsonObject term, JsonObject node, Dictionary<string, string> labels)
    {
        var expressions = term.Items("matchExpressions").ToList();
        var fields = term.Items("matchFields").ToList();
        if (expressions.Count == 0 && fields.Count == 0) return false;
        var nameFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = node.Name() };
        return expressions.All(e => Requirement(e, labels)) && fields.All(e => Requirement(e, nameFields));
    }

    private static bool Requirement(JsonObject expr, Dictionary<string, string> values)
    {
        var key = expr.Str("key") ?? "";
        var list = expr["values"] is JsonArray a ? a.Select(v => v?.GetValue<string>() ?? "").ToList() : [];
        var has = values.TryGetValue(key, out var value);
        return (expr.Str("operator") ?? "") switch
        {
            "In" => has && list.Contains(value!),
            "NotIn" => !has || !list.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && long.TryParse(value, CultureInfo.InvariantCulture, out var g) && list.Count == 1 && long.TryParse(list[0], CultureInfo.InvariantCulture, out var gv) && g > gv,
            "Lt" => has && long.TryParse(value, CultureInfo.InvariantCulture, out var l) && list.Count == 1 && long.TryParse(list[0], CultureInfo.InvariantCulture, out var lv) && l < lv,
            _ => false,
        };
    }
}
