using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Selectors;

/// <summary>
/// A parsed label selector: the string syntax of <c>?labelSelector=</c> (<c>=</c>, <c>==</c>, <c>!=</c>, <c>in</c>,
/// <c>notin</c>, <c>key</c>, <c>!key</c>) or the <c>matchLabels</c>/<c>matchExpressions</c> object of specs.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements, bool matchesNothing = false)
    {
        _requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    /// <summary>A selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>True for the null selector of a spec, which selects nothing.</summary>
    public bool MatchesNothing { get; }

    /// <summary>True when there are no requirements.</summary>
    public bool IsEmpty => _requirements.Count == 0 && !MatchesNothing;

    /// <summary>Tests a label set.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (MatchesNothing) return false;
        foreach (var r in _requirements)
            if (!r.Matches(labels)) return false;
        return true;
    }

    /// <summary>The selector in its canonical string form.</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    /// <summary>Parses the string syntax; throws 400 BadRequest with the real message shape on error.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var reqs = new List<Requirement>();
        foreach (var term in SplitTerms(text))
        {
            var t = term.Trim();
            if (t.Length == 0) continue;
            reqs.Add(ParseTerm(t));
        }
        return new LabelSelector(reqs);
    }

    /// <summary>
    /// Builds a selector from a <c>LabelSelector</c> object of a spec. A missing object selects nothing, an empty one everything.
    /// </summary>
    public static LabelSelector FromObject(JsonNode? node)
    {
        if (node is not JsonObject o) return new LabelSelector([], matchesNothing: true);
        var reqs = new List<Requirement>();
        foreach (var (k, v) in Json.StringMap(o["matchLabels"]))
            reqs.Add(new Requirement(k, Op.Equals, [v]));
        foreach (var e in o.Items("matchExpressions"))
        {
            var key = e.Str("key") ?? "";
            var values = e["values"] is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").ToList() : [];
            var op = (e.Str("operator") ?? "") switch
            {
                "In" => Op.In,
                "NotIn" => Op.NotIn,
                "Exists" => Op.Exists,
                "DoesNotExist" => Op.DoesNotExist,
                var other => throw ApiException.BadRequest($"\"{other}\" is not a valid label selector operator"),
            };
            reqs.Add(new Requirement(key, op, values));
        }
        return new LabelSelector(reqs);
    }

    /// <summary>Builds an equality selector from a plain map (Service.spec.selector, nodeSelector).</summary>
    public static LabelSelector FromMap(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(kv => new Requirement(kv.Key, Op.Equals, [kv.Value])).ToList());

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private static Requirement ParseTerm(string t)
    {
        if (t.StartsWith('!')) return new Requirement(CheckKey(t[1..].Trim()), Op.DoesNotExist, []);
        foreach (var (token, op) in new[] { ("!=", Op.NotEquals), ("==", Op.Equals), ("=", Op.Equals) })
        {
            var i = t.IndexOf(token, StringComparison.Ordinal);
            if (i > 0) return new Requirement(CheckKey(t[..i].Trim()), op, [t[(i + token.Length)..].Trim()]);
        }
        var space = t.IndexOf(' ');
        if (space > 0)
        {
            var key = CheckKey(t[..space].Trim());
            var rest = t[space..].Trim();
            Op? setOp = rest.StartsWith("notin", StringComparison.Ordinal) ? Op.NotIn : rest.StartsWith("in", StringComparison.Ordinal) ? Op.In : null;
            var open = rest.IndexOf('(');
            var close = rest.LastIndexOf(')');
            if (setOp is null || open < 0 || close < open)
                throw ApiException.BadRequest($"unable to parse requirement: found '{rest}', expected: in, notin, =, ==, !=, gt, lt");
            var values = rest[(open + 1)..close].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            return new Requirement(key, setOp.Value, values);
        }
        return new Requirement(CheckKey(t), Op.Exists, []);
    }

    private static string CheckKey(string key)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
            throw ApiException.BadRequest($"unable to parse requirement: invalid label key \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.'");
        return key;
    }

    private enum Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }

    private sealed record Requirement(string Key, Op Op, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var v);
            return Op switch
            {
                Op.Equals => has && v == Values[0],
                Op.NotEquals => !has || v != Values[0],
                Op.In => has && Values.Contains(v!),
                Op.NotIn => !has || !Values.Contains(v!),
                Op.Exists => has,
                _ => !has,
            };
        }

        public override string ToString() => Op switch
        {
            Op.Equals => $"{Key}={Values[0]}",
            Op.NotEquals => $"{Key}!={Values[0]}",
            Op.In => $"{Key} in ({string.Join(",", Values)})",
            Op.NotIn => $"{Key} notin ({string.Join(",", Values)})",
            Op.Exists => Key,
            _ => "!" + Key,
        };
    }
}
