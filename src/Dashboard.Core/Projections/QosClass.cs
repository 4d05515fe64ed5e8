using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A pod's quality-of-service class: which pods the kubelet evicts first under memory pressure.</summary>
public enum QosClass
{
    /// <summary>No class could be read or computed.</summary>
    Unknown,
    /// <summary>No container requests or limits CPU or memory: evicted first.</summary>
    BestEffort,
    /// <summary>Some requests or limits, but not all equal: evicted by usage above requests.</summary>
    Burstable,
    /// <summary>Every container limits CPU and memory, and requests equal limits: evicted last.</summary>
    Guaranteed,
}

/// <summary>The QoS class as the API server computes it (status.qosClass is used when present).</summary>
public static class PodQos
{
    private static readonly string[] ComputeResources = ["cpu", "memory"];

    /// <summary>status.qosClass, or the class computed from the spec.</summary>
    public static QosClass Of(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Enum.TryParse<QosClass>(S(pod["status"].P("qosClass")), out var q) && q != QosClass.Unknown ? q : Compute(pod["spec"] as JsonObject);
    }

    /// <summary>
    /// The class from a pod spec: CPU and memory only; zero quantities count as absent; a missing request takes its
    /// limit (as API server defaulting does before the class is computed); init containers count like containers; a
    /// pod-level resources stanza, when present, decides alone.
    /// </summary>
    public static QosClass Compute(JsonObject? spec)
    {
        if (spec is null) return QosClass.Unknown;
        if (spec["resources"] is JsonObject podLevel && (Count(podLevel["requests"]) > 0 || Count(podLevel["limits"]) > 0))
            return Classify([podLevel]);
        var resources = new List<JsonObject>();
        foreach (var c in Objects(spec["containers"])) resources.Add(c["resources"] as JsonObject ?? []);
        foreach (var c in Objects(spec["initContainers"])) resources.Add(c["resources"] as JsonObject ?? []);
        return Classify(resources);
    }

    private static QosClass Classify(List<JsonObject> stanzas)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var r in stanzas)
        {
            var limitsFound = 0;
            foreach (var name in ComputeResources)
            {
                var limit = Positive(r["limits"].P(name));
                // Defaulting fills an absent request from its limit; an explicit zero stays zero.
                var request = r["requests"].P(name) is null ? limit : Positive(r["requests"].P(name));
                if (request is { } rq) requests[name] = requests.GetValueOrDefault(name) + rq;
                if (limit is { } l)
                {
                    limits[name] = limits.GetValueOrDefault(name) + l;
                    limitsFound++;
                }
            }
            if (limitsFound < ComputeResources.Length) guaranteed = false;
        }
        if (requests.Count == 0 && limits.Count == 0) return QosClass.BestEffort;
        if (guaranteed)
            foreach (var (name, request) in requests)
                if (!limits.TryGetValue(name, out var limit) || limit != request) guaranteed = false;
        return guaranteed && requests.Count == limits.Count ? QosClass.Guaranteed : QosClass.Burstable;
    }

    private static decimal? Positive(JsonNode? quantity) => Quantity.Parse(S(quantity)) is { } v && v > 0 ? v : null;
}
