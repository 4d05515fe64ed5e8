using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Patching;

/// <summary>
/// Structural JSON equality as RFC 6902 §4.6 defines it: numbers compare by value (1 equals 1.0), object members
/// in any order, arrays element by element, strings and numbers never equal each other.
/// </summary>
public static class JsonEquality
{
    /// <summary>True when both nodes hold the same JSON value.</summary>
    public static bool AreEqual(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return IsNull(a) && IsNull(b);
        switch (a)
        {
            case JsonObject oa:
                if (b is not JsonObject ob || oa.Count != ob.Count) return false;
                foreach (var (key, value) in oa)
                    if (!ob.TryGetPropertyValue(key, out var other) || !AreEqual(value, other)) return false;
                return true;
            case JsonArray aa:
                if (b is not JsonArray ab || aa.Count != ab.Count) return false;
                for (var i = 0; i < aa.Count; i++)
                    if (!AreEqual(aa[i], ab[i])) return false;
                return true;
            default:
                return b is JsonValue && ValuesEqual(a.AsValue(), b.AsValue());
        }
    }

    private static bool IsNull(JsonNode? n) => n is null || (n is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    private static bool ValuesEqual(JsonValue a, JsonValue b)
    {
        var ka = a.GetValueKind();
        var kb = b.GetValueKind();
        if (ka != kb) return false;
        return ka switch
        {
            JsonValueKind.String => a.TryGetValue<string>(out var sa) && b.TryGetValue<string>(out var sb) && string.Equals(sa, sb, StringComparison.Ordinal),
            JsonValueKind.Number => NumbersEqual(a, b),
            _ => true, // true, false and null carry no further value
        };
    }

    private static bool NumbersEqual(JsonValue a, JsonValue b)
    {
        var ta = a.ToJsonString();
        var tb = b.ToJsonString();
        if (string.Equals(ta, tb, StringComparison.Ordinal)) return true;
        if (decimal.TryParse(ta, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var da)
            && decimal.TryParse(tb, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var db))
            return da == db;
        return double.Parse(ta, System.Globalization.CultureInfo.InvariantCulture) == double.Parse(tb, System.Globalization.CultureInfo.InvariantCulture);
    }
}
