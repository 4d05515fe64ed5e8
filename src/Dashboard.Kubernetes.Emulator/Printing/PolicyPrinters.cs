using System.Globalization;
using System.Text.Json.Nodes;
using static Dashboard.Kubernetes.Emulator.Printing.Format;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>Printers of HorizontalPodAutoscaler and PodDisruptionBudget.</summary>
internal static class PolicyPrinters
{
    public static KindPrinter HorizontalPodAutoscaler { get; } = new(
    [
        Col.Name,
        Col.Str("Reference", "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
        Col.Str("Targets", "metrics contains the specifications for which to use to calculate the desired replica count."),
        Col.Str("MinPods", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
        Col.Str("MaxPods", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
        Col.Str("Replicas", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
        Col.Age,
    ], (o, now) =>
    {
        var spec = o["spec"];
        var target = spec?["scaleTargetRef"];
        return
        [
            WorkloadPrinters.Name(o),
            S(target?["kind"]) + "/" + S(target?["name"]),
            Metrics(spec?["metrics"], o["status"]?["currentMetrics"]),
            L(spec?["minReplicas"]) is { } min ? min.ToString(CultureInfo.InvariantCulture) : Unset,
            L(spec?["maxReplicas"]) ?? 0,
            L(o["status"]?["currentReplicas"]) ?? 0,
            Age(o, now),
        ];
    });

    public static KindPrinter PodDisruptionBudget { get; } = new(
    [
        Col.Name,
        Col.Str("Min Available", "The minimum number of pods that must be available."),
        Col.Str("Max Unavailable", "The maximum number of pods that may be unavailable."),
        Col.Int("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
        Col.Age,
    ], (o, now) =>
    {
        var spec = o["spec"];
        return
        [
            WorkloadPrinters.Name(o),
            spec?["minAvailable"] is { } min ? IntOrString(min) : "N/A",
            spec?["maxUnavailable"] is { } max ? IntOrString(max) : "N/A",
            L(o["status"]?["disruptionsAllowed"]) ?? 0,
            Age(o, now),
        ];
    });

    /// <summary>formatHPAMetrics: up to two "current/target" entries, then "+ N more...".</summary>
    private static string Metrics(JsonNode? specs, JsonNode? statuses)
    {
        if (specs is not JsonArray specList || specList.Count == 0) return None;
        var statusList = statuses as JsonArray;
        var list = new List<string>();
        var i = 0;
        foreach (var spec in Objects(specList))
        {
            var status = statusList is not null && statusList.Count > i ? statusList[i] : null;
            list.Add(Metric(spec, status));
            i++;
        }
        const int max = 2;
        var count = list.Count;
        if (count > max)
            return string.Join(", ", list.Take(max)) + ClusterPrinters.Inv($" + {count - max} more...");
        return string.Join(", ", list);
    }

    private static string Metric(JsonObject spec, JsonNode? status)
    {
        switch (S(spec["type"]))
        {
            case "External":
                return ValueMetric(spec["external"]?["target"], status?["external"]?["current"]);
            case "Object":
                return ValueMetric(spec["object"]?["target"], status?["object"]?["current"]);
            case "Pods":
                return (S(status?["pods"]?["current"]?["averageValue"]) ?? Unknown) + "/" + S(spec["pods"]?["target"]?["averageValue"]);
            case "Resource":
                return ResourceMetric(spec["resource"], status?["resource"]);
            case "ContainerResource":
                return ResourceMetric(spec["containerResource"], status?["containerResource"]);
            default:
                return "<unknown type>";
        }
    }

    private static string ValueMetric(JsonNode? target, JsonNode? current)
    {
        if (S(target?["averageValue"]) is { } avg)
            return (S(current?["averageValue"]) ?? Unknown) + "/" + avg + " (avg)";
        return (current is null ? Unknown : S(current["value"]) ?? "0") + "/" + S(target?["value"]);
    }

    private static string ResourceMetric(JsonNode? spec, JsonNode? status)
    {
        var name = S(spec?["name"]) ?? "";
        var target = spec?["target"];
        if (S(target?["averageValue"]) is { } avg)
            return name + ": " + (status is null ? Unknown : S(status["current"]?["averageValue"]) ?? "0") + "/" + avg;
        var current = L(status?["current"]?["averageUtilization"]) is { } u ? ClusterPrinters.Inv($"{u}%") : Unknown;
        var targetText = L(target?["averageUtilization"]) is { } t ? ClusterPrinters.Inv($"{t}%") : "<auto>";
        return name + ": " + current + "/" + targetText;
    }
}
