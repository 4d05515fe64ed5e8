using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.CustomResources;

/// <summary>
/// The JSONPath subset that CRD printer columns use: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*].b</c> and filters
/// <c>.a[?(@.type=="Ready")].status</c>. Parsed once per column; evaluation allocates little per row.
/// </summary>
internal sealed class SimpleJsonPath
{
    private abstract record Step;
    private sealed record Field(string Name) : Step;
    private sealed record Index(int Value) : Step;
    private sealed record All : Step;
    private sealed record Filter(string[] Path, string Value) : Step;

    private readonly List<Step> _steps;

    private SimpleJsonPath(List<Step> steps) => _steps = steps;

    /// <summary>Parses an expression such as <c>.spec.replicas</c> (braces of <c>{.spec}</c> are accepted).</summary>
    public static SimpleJsonPath Parse(string expression)
    {
        var e = expression.Trim();
        if (e.StartsWith('{') && e.EndsWith('}')) e = e[1..^1];
        var steps = new List<Step>();
        var i = 0;
        while (i < e.Length)
        {
            if (e[i] == '.')
            {
                i++;
                var start = i;
                while (i < e.Length && e[i] != '.' && e[i] != '[') i++;
                if (i > start) steps.Add(new Field(e[start..i]));
            }
            else if (e[i] == '[')
            {
                var end = FindClose(e, i);
                var inner = e[(i + 1)..end].Trim();
                steps.Add(ParseBracket(inner));
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < e.Length && e[i] != '.' && e[i] != '[') i++;
                steps.Add(new Field(e[start..i]));
            }
        }
        return new SimpleJsonPath(steps);
    }

    /// <summary>The first value the path selects, or null.</summary>
    public JsonNode? First(JsonNode? root)
    {
        foreach (var v in Evaluate(root, 0)) return v;
        return null;
    }

    private IEnumerable<JsonNode?> Evaluate(JsonNode? node, int step)
    {
        if (step == _steps.Count)
        {
            yield return node;
            yield break;
        }
        switch (_steps[step])
        {
            case Field f when node is JsonObject o && o.TryGetPropertyValue(f.Name, out var child):
                foreach (var v in Evaluate(child, step + 1)) yield return v;
                break;
            case Index ix when node is JsonArray a:
                var idx = ix.Value < 0 ? a.Count + ix.Value : ix.Value;
                if (idx >= 0 && idx < a.Count)
                    foreach (var v in Evaluate(a[idx], step + 1)) yield return v;
                break;
            case All when node is JsonArray a:
                foreach (var item in a)
                    foreach (var v in Evaluate(item, step + 1)) yield return v;
                break;
            case All when node is JsonObject o:
                foreach (var (_, item) in o)
                    foreach (var v in Evaluate(item, step + 1)) yield return v;
                break;
            case Filter flt when node is JsonArray a:
                foreach (var item in a)
                {
                    JsonNode? cur = item;
                    foreach (var p in flt.Path) cur = cur is JsonObject co ? co[p] : null;
                    if (cur is JsonValue jv && Printing.Format.S(jv) == flt.Value)
                        foreach (var v in Evaluate(item, step + 1)) yield return v;
                }
                break;
        }
    }

    private static Step ParseBracket(string inner)
    {
        if (inner == "*") return new All();
        if (int.TryParse(inner, System.Globalization.CultureInfo.InvariantCulture, out var n)) return new Index(n);
        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var cond = inner[2..^1].Trim();
            var eq = cond.IndexOf("==", StringComparison.Ordinal);
            if (eq > 0 && cond.StartsWith("@.", StringComparison.Ordinal))
            {
                var path = cond[2..eq].Trim().Split('.');
                var value = cond[(eq + 2)..].Trim().Trim('"', '\'');
                return new Filter(path, value);
            }
        }
        if ((inner.StartsWith('\'') && inner.EndsWith('\'')) || (inner.StartsWith('"') && inner.EndsWith('"')))
            return new Field(inner[1..^1]);
        throw new FormatException($"unsupported JSONPath segment [{inner}]");
    }

    private static int FindClose(string e, int open)
    {
        var depth = 0;
        for (var i = open; i < e.Length; i++)
        {
            if (e[i] == '[' || e[i] == '(') depth++;
            else if (e[i] == ']' || e[i] == ')')
            {
                depth--;
                if (depth == 0 && e[i] == ']') return i;
            }
        }
        throw new FormatException($"unclosed [ in {e}");
    }
}
