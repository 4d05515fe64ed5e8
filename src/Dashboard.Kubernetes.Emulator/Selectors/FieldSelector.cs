using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Selectors;

/// <summary>A parsed <c>?fieldSelector=</c>: terms joined by commas, each <c>f=v</c>, <c>f==v</c> or <c>f!=v</c>.</summary>
public sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Negate)> _terms;

    private FieldSelector(List<(string, string, bool)> terms) => _terms = terms;

    /// <summary>A selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>True when there are no terms.</summary>
    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The value required for <paramref name="field"/> by an equality term, or null.</summary>
    public string? RequiredValue(string field) =>
        _terms.Where(t => t.Field == field && !t.Negate).Select(t => t.Value).FirstOrDefault();

    /// <summary>Parses and checks every field against what the resource supports (400 "field label not supported").</summary>
    public static FieldSelector Parse(string? text, ResourceType rt)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var t = raw.Trim();
            if (t.Length == 0) continue;
            string field, value;
            bool negate;
            var ne = t.IndexOf("!=", StringComparison.Ordinal);
            var eqeq = t.IndexOf("==", StringComparison.Ordinal);
            var eq = t.IndexOf('=');
            if (ne > 0) { field = t[..ne]; value = t[(ne + 2)..]; negate = true; }
            else if (eqeq > 0) { field = t[..eqeq]; value = t[(eqeq + 2)..]; negate = false; }
            else if (eq > 0) { field = t[..eq]; value = t[(eq + 1)..]; negate = false; }
            else throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{t}'");
            field = field.Trim();
            if (!FieldIndex.Supports(rt, field)) throw ApiException.BadRequest($"field label not supported: {field}");
            terms.Add((field, value.Trim(), negate));
        }
        return new FieldSelector(terms);
    }

    /// <summary>Tests the indexed field values of an object.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (f, v, negate) in _terms)
        {
            var actual = fields.TryGetValue(f, out var a) ? a : "";
            if ((actual == v) == negate) return false;
        }
        return true;
    }
}
