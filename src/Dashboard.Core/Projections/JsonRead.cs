using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Projections;

/// <summary>
/// Tolerant reads over JSON nodes for projections: a missing or mistyped field reads as null instead of throwing, so a
/// half-written object (or one from a newer API version) still gets a row. No path splitting: rows are built for tens
/// of thousands of objects.
/// </summary>
internal static class JsonRead
{
    /// <summary>A property of an object node; null when the node is absent or not an object (never throws).</summary>
    public static JsonNode? P(this JsonNode? node, string key) => node is JsonObject o && o.TryGetPropertyValue(key, out var v) ? v : null;

    public static string? S(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<string>(out var s)) return s;
        if (v.TryGetValue<JsonElement>(out var e))
            return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        return v.ToJsonString();
    }

    public static long? L(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var el)) return el;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return null;
    }

    public static int I(JsonNode? node) => (int)(L(node) ?? 0);

    public static bool? B(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<bool>(out var b)) return b;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        return null;
    }

    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        if (node is not JsonArray a) yield break;
        foreach (var item in a)
            if (item is JsonObject o) yield return o;
    }

    public static IReadOnlyList<string> Strings(JsonNode? node)
    {
        if (node is not JsonArray a || a.Count == 0) return [];
        var list = new List<string>(a.Count);
        foreach (var item in a)
            if (S(item) is { } s) list.Add(s);
        return list;
    }

    public static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    /// <summary>A string map (labels, selectors, nodeSelector); printers sort it (<see cref="KubeFormat.Labels"/>).</summary>
    public static IReadOnlyDictionary<string, string> Map(JsonNode? node)
    {
        if (node is not JsonObject o || o.Count == 0) return Empty;
        var map = new Dictionary<string, string>(o.Count, StringComparer.Ordinal);
        foreach (var (k, v) in o) map[k] = S(v) ?? "";
        return map;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static DateTimeOffset? Time(JsonNode? node)
    {
        var s = S(node);
        if (string.IsNullOrEmpty(s)) return null;
        if (Rfc3339Seconds(s) is { } fast) return fast;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
    }

    // The API writes "2006-01-02T15:04:05Z"; reading that shape by hand is far cheaper than the general parser.
    private static DateTimeOffset? Rfc3339Seconds(string s)
    {
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return null;
        int N(int at, int length)
        {
            var n = 0;
            for (var i = at; i < at + length; i++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9) return -1;
                n = n * 10 + d;
            }
            return n;
        }
        var (year, month, day, hour, minute, second) = (N(0, 4), N(5, 2), N(8, 2), N(11, 2), N(14, 2), N(17, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23
            || minute is < 0 or > 59 || second is < 0 or > 59) return null;
        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    /// <summary>The condition of the given type in an array of conditions, or null.</summary>
    public static JsonObject? Condition(JsonNode? conditions, string type)
    {
        foreach (var c in Objects(conditions))
            if (S(c["type"]) == type) return c;
        return null;
    }

    /// <summary>True when the condition of the given type has status True.</summary>
    public static bool IsTrue(JsonNode? conditions, string type) => S(Condition(conditions, type).P("status")) == "True";

    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
