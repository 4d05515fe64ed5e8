using System.Text;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Streams;

/// <summary>Turns a workload's <c>spec.selector</c> into the labelSelector query string the API server takes.</summary>
internal static class PodSelectors
{
    /// <summary>
    /// A LabelSelector (<c>matchLabels</c>/<c>matchExpressions</c>) or a plain map (Service, ReplicationController) as
    /// <c>a=b,c in (d,e),!f</c>; null when there is no selector; empty for <c>{}</c> (which selects everything).
    /// </summary>
    public static string? ToQuery(JsonNode? selector)
    {
        if (selector is not JsonObject obj) return null;
        var parts = new List<string>();
        var structured = obj.ContainsKey("matchLabels") || obj.ContainsKey("matchExpressions");
        if (!structured)
        {
            foreach (var (k, v) in obj) parts.Add($"{k}={(string?)v}");
            return string.Join(',', parts);
        }
        if (obj["matchLabels"] is JsonObject labels)
            foreach (var (k, v) in labels) parts.Add($"{k}={(string?)v}");
        foreach (var e in (obj["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)e["key"] ?? "";
            var values = (e["values"] as JsonArray ?? []).Select(v => (string?)v ?? "").ToList();
            var part = (string?)e["operator"] switch
            {
                "In" => $"{key} in ({string.Join(',', values)})",
                "NotIn" => $"{key} notin ({string.Join(',', values)})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var op => throw new FormatException($"unknown selector operator {op}"),
            };
            parts.Add(part);
        }
        var text = new StringBuilder();
        foreach (var p in parts) text.Append(text.Length == 0 ? "" : ",").Append(p);
        return text.ToString();
    }
}
