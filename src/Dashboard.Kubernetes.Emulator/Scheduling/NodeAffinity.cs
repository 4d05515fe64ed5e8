using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>
/// The scheduler's NodeAffinity filter: <c>spec.nodeSelector</c> (every label equal) and the required node affinity
/// (terms ORed, expressions within a term ANDed; matchFields only knows <c>metadata.name</c>).
/// </summary>
internal static class NodeAffinity
{
    /// <summary>True when the pod may run on a node with these labels and name.</summary>
    public static bool Matches(JsonObject pod, string nodeName, IReadOnlyDictionary<string, string> labels) =>
        Compile(pod)(nodeName, labels);

    /// <summary>Reads the pod's constraints once and returns a matcher to run against many nodes.</summary>
    public static Func<string, IReadOnlyDictionary<string, string>, bool> Compile(JsonObject pod)
    {
        var selector = Json.StringMap(pod.At("spec.nodeSelector"));
        var terms = pod.At("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution") is JsonObject required
            ? required.Items("nodeSelectorTerms").ToList()
            : null;
        return (nodeName, labels) =>
        {
            foreach (var (k, v) in selector)
                if (!labels.TryGetValue(k, out var actual) || actual != v) return false;
            if (terms is null) return true;
            return terms.Count > 0 && terms.Any(t => TermMatches(t, nodeName, labels));
        };
    }

    private static bool TermMatches(JsonObject term, string nodeName, IReadOnlyDictionary<string, string> labels)
    {
        var expressions = term.Items("matchExpressions").ToList();
        var fields = term.Items("matchFields").ToList();
        if (expressions.Count == 0 && fields.Count == 0) return false;
        foreach (var e in expressions)
        {
            labels.TryGetValue(e.Str("key") ?? "", out var value);
            if (!Requirement(e, value)) return false;
        }
        foreach (var f in fields)
            if ((f.Str("key") ?? "") != "metadata.name" || !Requirement(f, nodeName)) return false;
        return true;
    }

    private static bool Requirement(JsonObject expression, string? value)
    {
        var values = expression.At("values") is JsonArray a ? a.Select(v => v?.GetValue<string>() ?? "").ToList() : [];
        return (expression.Str("operator") ?? "") switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => Compare(value, values) is > 0,
            "Lt" => Compare(value, values) is < 0,
            _ => false,
        };
    }

    private static int? Compare(string? value, List<string> values)
    {
        if (value is null || values.Count != 1) return null;
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
            || !long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r)) return null;
        return l.CompareTo(r);
    }
}
