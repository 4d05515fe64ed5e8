using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Core.Resources;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections.Details;

/// <summary>
/// Where a pod may and does run: its node, node selector, affinity rules in words, tolerations as kubectl describe
/// prints them ("node.kubernetes.io/not-ready:NoExecute op=Exists for 300s"), priority and topology spread.
/// </summary>
public sealed record SchedulingView
{
    /// <summary>spec.nodeName, if scheduled.</summary>
    public string? Node { get; init; }
    /// <summary>spec.nodeSelector.</summary>
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }
    /// <summary>Node, pod and anti-affinity rules, one sentence each.</summary>
    public required IReadOnlyList<string> Affinity { get; init; }
    /// <summary>Tolerations in kubectl describe's form.</summary>
    public required IReadOnlyList<string> Tolerations { get; init; }
    /// <summary>Topology spread constraints, one sentence each.</summary>
    public required IReadOnlyList<string> TopologySpread { get; init; }
    /// <summary>spec.priorityClassName, if any.</summary>
    public string? PriorityClass { get; init; }
    /// <summary>spec.priority, if set.</summary>
    public long? Priority { get; init; }
    /// <summary>spec.schedulerName, if set.</summary>
    public string? SchedulerName { get; init; }
    /// <summary>spec.schedulingGates names.</summary>
    public required IReadOnlyList<string> SchedulingGates { get; init; }

    /// <summary>Reads a pod spec (or a template's).</summary>
    public static SchedulingView From(JsonObject? spec, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return new SchedulingView
        {
            Node = S(spec.P("nodeName")) is { Length: > 0 } n ? n : null,
            NodeSelector = Map(spec.P("nodeSelector")),
            Affinity = AffinityText(spec.P("affinity"), c),
            Tolerations = Objects(spec.P("tolerations")).Select(Toleration).ToList(),
            TopologySpread = Objects(spec.P("topologySpreadConstraints")).Select(t => CoreStrings.Format(c, "Spread_Constraint",
                L(t["maxSkew"]) ?? 1, S(t["topologyKey"]), S(t["whenUnsatisfiable"]) ?? "DoNotSchedule")).ToList(),
            PriorityClass = S(spec.P("priorityClassName")) is { Length: > 0 } pc ? pc : null,
            Priority = L(spec.P("priority")),
            SchedulerName = S(spec.P("schedulerName")),
            SchedulingGates = Objects(spec.P("schedulingGates")).Select(g => S(g["name"]) ?? "").ToList(),
        };
    }

    /// <summary>A toleration as kubectl describe prints it.</summary>
    public static string Toleration(JsonObject t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var key = S(t["key"]) ?? "";
        var value = S(t["value"]) ?? "";
        var effect = S(t["effect"]) ?? "";
        var sb = new StringBuilder(key);
        if (value.Length > 0) sb.Append('=').Append(value);
        if (effect.Length > 0) sb.Append(':').Append(effect);
        // An Exists toleration without a value matches any value (and with no key, every taint).
        if (S(t["operator"]) == "Exists" && value.Length == 0) sb.Append(key.Length > 0 || effect.Length > 0 ? " op=Exists" : "op=Exists");
        if (L(t["tolerationSeconds"]) is { } seconds) sb.Append(Inv($" for {seconds}s"));
        return sb.ToString();
    }

    private static IReadOnlyList<string> AffinityText(JsonNode? affinity, CultureInfo c)
    {
        var list = new List<string>();
        if (affinity is not JsonObject a) return list;
        var node = a["nodeAffinity"];
        var required = node.P("requiredDuringSchedulingIgnoredDuringExecution").P("nodeSelectorTerms");
        if (required is JsonArray terms && terms.Count > 0)
            list.Add(CoreStrings.Format(c, "Affinity_NodeRequired", string.Join(CoreStrings.Get("Affinity_Or", c), Objects(terms).Select(NodeTerm))));
        foreach (var p in Objects(node.P("preferredDuringSchedulingIgnoredDuringExecution")))
            list.Add(CoreStrings.Format(c, "Affinity_NodePreferred", NodeTerm(p["preference"] as JsonObject ?? []), L(p["weight"]) ?? 0));
        PodTerms(a["podAffinity"], "Affinity_PodRequired", "Affinity_PodPreferred", list, c);
        PodTerms(a["podAntiAffinity"], "Affinity_AntiRequired", "Affinity_AntiPreferred", list, c);
        return list;
    }

    private static void PodTerms(JsonNode? affinity, string requiredKey, string preferredKey, List<string> list, CultureInfo c)
    {
        foreach (var t in Objects(affinity.P("requiredDuringSchedulingIgnoredDuringExecution")))
            list.Add(CoreStrings.Format(c, requiredKey, PodSelector(t, c), S(t["topologyKey"])));
        foreach (var p in Objects(affinity.P("preferredDuringSchedulingIgnoredDuringExecution")))
        {
            var t = p["podAffinityTerm"] as JsonObject ?? [];
            list.Add(CoreStrings.Format(c, preferredKey, PodSelector(t, c), S(t["topologyKey"]), L(p["weight"]) ?? 0));
        }
    }

    private static string PodSelector(JsonObject term, CultureInfo c)
    {
        var selector = KubeFormat.Selector(term["labelSelector"]);
        var text = selector.Length == 0 ? CoreStrings.Get("Affinity_AnyPod", c) : selector;
        var namespaces = Strings(term["namespaces"]);
        return namespaces.Count > 0 ? $"{text} ({string.Join(',', namespaces)})" : text;
    }

    private static string NodeTerm(JsonObject term)
    {
        var parts = new List<string>();
        foreach (var e in Objects(term["matchExpressions"]).Concat(Objects(term["matchFields"])))
        {
            var key = S(e["key"]) ?? "";
            var values = string.Join(',', Strings(e["values"]));
            parts.Add(S(e["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                "Gt" => $"{key} > {values}",
                "Lt" => $"{key} < {values}",
                var op => $"{key} {op} ({values})",
            });
        }
        return string.Join(',', parts);
    }
}
