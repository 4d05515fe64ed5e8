using System.Text.Json.Nodes;

namespace Dashboard.Core.Relations;

/// <summary>The operator of one selector requirement.</summary>
public enum SelectorOperator
{
    /// <summary>The label has the value (matchLabels, or a map selector).</summary>
    Equals,
    /// <summary>The label has one of the values.</summary>
    In,
    /// <summary>The label is absent or has none of the values.</summary>
    NotIn,
    /// <summary>The label is present.</summary>
    Exists,
    /// <summary>The label is absent.</summary>
    DoesNotExist,
}

/// <summary>One requirement of a selector.</summary>
public sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>Tests a label set.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.Equals => has && value == Values[0],
            SelectorOperator.In => has && Values.Contains(value!),
            SelectorOperator.NotIn => !has || !Values.Contains(value!),
            SelectorOperator.Exists => has,
            _ => !has,
        };
    }

    /// <summary>The requirement as kubectl prints it (<c>app=web</c>, <c>tier in (a,b)</c>, <c>!canary</c>).</summary>
    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        _ => "!" + Key,
    };
}

/// <summary>
/// A label selector of a spec, with the API's semantics: a map selector (Service, ReplicationController) that is
/// absent or empty selects nothing; a <c>LabelSelector</c> object (workloads, PodDisruptionBudget, NetworkPolicy)
/// that is absent selects nothing and one that is empty selects everything. An invalid selector selects nothing and
/// says why in <see cref="Error"/>.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing, string? error = null)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
        Error = error;
    }

    /// <summary>Selects nothing.</summary>
    public static LabelSelector Nothing { get; } = new([], true);

    /// <summary>Selects everything.</summary>
    public static LabelSelector Everything { get; } = new([], false);

    /// <summary>The requirements, all of which must hold.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>True when the selector selects nothing (absent, empty map, or invalid).</summary>
    public bool MatchesNothing { get; }

    /// <summary>True when the selector selects every object.</summary>
    public bool MatchesEverything => !MatchesNothing && Requirements.Count == 0;

    /// <summary>Why the selector is invalid, in the API server's words; null when it is valid.</summary>
    public string? Error { get; }

    /// <summary>Tests a label set.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (MatchesNothing) return false;
        foreach (var r in Requirements)
            if (!r.Matches(labels)) return false;
        return true;
    }

    /// <summary>A map selector (<c>Service.spec.selector</c>): every pair must match; absent or empty selects nothing.</summary>
    public static LabelSelector FromMap(JsonNode? node)
    {
        if (node is not JsonObject map || map.Count == 0) return Nothing;
        var reqs = new List<LabelRequirement>(map.Count);
        foreach (var (key, value) in map)
        {
            if (value is not JsonValue v) return Invalid($"selector value of \"{key}\" must be a string");
            reqs.Add(new LabelRequirement(key, SelectorOperator.Equals, [v.ToString()]));
        }
        return new LabelSelector(reqs, false);
    }

    /// <summary>A <c>LabelSelector</c> object (matchLabels and matchExpressions): absent selects nothing, empty selects everything.</summary>
    public static LabelSelector FromLabelSelector(JsonNode? node)
    {
        if (node is not JsonObject o) return Nothing;
        var reqs = new List<LabelRequirement>();
        if (o["matchLabels"] is JsonObject labels)
        {
            var map = FromMap(labels);
            if (map.Error is not null) return map;
            reqs.AddRange(map.Requirements);
        }
        foreach (var e in (o["matchExpressions"] as JsonArray ?? []))
        {
            if (e is not JsonObject expr) return Invalid("matchExpressions entries must be objects");
            var key = (expr["key"] as JsonValue)?.ToString() ?? "";
            if (key.Length == 0) return Invalid("matchExpressions[].key: Required value");
            var values = (expr["values"] as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToList();
            var opText = (expr["operator"] as JsonValue)?.ToString() ?? "";
            SelectorOperator? op = opText switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => null,
            };
            if (op is null) return Invalid($"\"{opText}\" is not a valid label selector operator");
            if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
                return Invalid($"key {key}: for 'in', 'notin' operators, values set can't be empty");
            if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
                return Invalid($"key {key}: values set must be empty for exists and does not exist");
            reqs.Add(new LabelRequirement(key, op.Value, values));
        }
        return new LabelSelector(reqs, false);
    }

    /// <summary>
    /// The selector as kubectl prints it: requirements joined by commas, <c>&lt;none&gt;</c> when it selects nothing,
    /// an empty string when it selects everything.
    /// </summary>
    public override string ToString() => MatchesNothing ? "<none>" : string.Join(",", Requirements);

    private static LabelSelector Invalid(string error) => new([], true, error);
}
