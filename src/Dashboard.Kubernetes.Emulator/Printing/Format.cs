using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>
/// The string forms kubectl's server-side printers produce (apimachinery's HumanDuration, FormatLabels,
/// FormatLabelSelector, IntOrString...). Pure functions over JSON nodes, cheap enough for tables of 30,000 rows:
/// no regexes and no path splitting on the hot path.
/// </summary>
internal static class Format
{
    public const string None = "<none>";
    public const string Unset = "<unset>";
    public const string Unknown = "<unknown>";

    /// <summary>The string value of a node (numbers and booleans in their JSON text), or null.</summary>
    public static string? S(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<string>(out var s)) return s;
        if (v.TryGetValue<JsonElement>(out var e))
            return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        return v.ToJsonString();
    }

    /// <summary>The integer value of a node, or null.</summary>
    public static long? L(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var el)) return el;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return null;
    }

    /// <summary>The boolean value of a node, or null.</summary>
    public static bool? B(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<bool>(out var b)) return b;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        return null;
    }

    /// <summary>The elements of an array node that are objects.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        if (node is not JsonArray a) yield break;
        foreach (var item in a)
            if (item is JsonObject o) yield return o;
    }

    /// <summary>Number of entries of an object or array node (0 when absent).</summary>
    public static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    /// <summary>Parses a Kubernetes timestamp (RFC 3339, optionally with fractions), or null.</summary>
    public static DateTimeOffset? Time(JsonNode? node)
    {
        var s = S(node);
        if (string.IsNullOrEmpty(s)) return null;
        if (FastTime(s) is { } fast) return fast;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
    }

    // Kubernetes writes "2006-01-02T15:04:05Z"; parsing that shape by hand is many times cheaper than the general parser,
    // which matters when a table prints tens of thousands of rows with several timestamps each.
    private static DateTimeOffset? FastTime(string s)
    {
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return null;
        int D(int i) => s[i] - '0';
        foreach (var i in (ReadOnlySpan<int>)[0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18])
            if ((uint)D(i) > 9) return null;
        var year = D(0) * 1000 + D(1) * 100 + D(2) * 10 + D(3);
        var month = D(5) * 10 + D(6);
        var day = D(8) * 10 + D(9);
        var hour = D(11) * 10 + D(12);
        var minute = D(14) * 10 + D(15);
        var second = D(17) * 10 + D(18);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    /// <summary>translateTimestampSince: the age of a timestamp, or <c>&lt;unknown&gt;</c> when it is missing.</summary>
    public static string Since(JsonNode? timestamp, DateTimeOffset now) =>
        Time(timestamp) is { } t ? HumanDuration(now - t) : Unknown;

    /// <summary>The object's age from metadata.creationTimestamp.</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) => Since(obj["metadata"]?["creationTimestamp"], now);

    /// <summary>apimachinery's duration.HumanDuration: a short, coarse rendering of a duration.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)Math.Truncate(d.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return N(seconds) + "s";
        var minutes = (long)Math.Truncate(d.TotalMinutes);
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Inv($"{minutes}m") : Inv($"{minutes}m{s}s");
        }
        if (minutes < 60 * 3) return Inv($"{minutes}m");
        var hours = (long)Math.Truncate(d.TotalHours);
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Inv($"{hours}h") : Inv($"{hours}h{m}m");
        }
        if (hours < 48) return Inv($"{hours}h");
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Inv($"{hours / 24}d") : Inv($"{hours / 24}d{h}h");
        }
        if (hours < 24 * 365 * 2) return Inv($"{hours / 24}d");
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? Inv($"{hours / 24 / 365}y") : Inv($"{hours / 24 / 365}y{dy}d");
        }
        return Inv($"{hours / 24 / 365}y");
    }

    /// <summary>labels.FormatLabels: sorted <c>k=v</c> pairs joined by commas, <c>&lt;none&gt;</c> when empty.</summary>
    public static string Labels(JsonNode? map)
    {
        if (map is not JsonObject o || o.Count == 0) return None;
        var pairs = new List<string>(o.Count);
        foreach (var (k, v) in o) pairs.Add(k + "=" + S(v));
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    /// <summary>The string form of a LabelSelector (labels.Selector.String()), "" for an empty or missing one.</summary>
    public static string Selector(JsonNode? selector)
    {
        if (selector is not JsonObject sel) return "";
        var requirements = new List<(string Key, string Text)>();
        if (sel["matchLabels"] is JsonObject ml)
            foreach (var (k, v) in ml) requirements.Add((k, k + "=" + S(v)));
        foreach (var expr in Objects(sel["matchExpressions"]))
        {
            var key = S(expr["key"]) ?? "";
            var values = new List<string>();
            if (expr["values"] is JsonArray va)
                foreach (var v in va) values.Add(S(v) ?? "");
            values.Sort(StringComparer.Ordinal);
            var text = S(expr["operator"]) switch
            {
                "In" => $"{key} in ({string.Join(',', values)})",
                "NotIn" => $"{key} notin ({string.Join(',', values)})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                _ => null,
            };
            if (text is null) return "<error>";
            requirements.Add((key, text));
        }
        // labels.Selector sorts its requirements by key, stably.
        return string.Join(',', requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    /// <summary>metav1.FormatLabelSelector: like <see cref="Selector"/> but <c>&lt;none&gt;</c> when empty.</summary>
    public static string LabelSelector(JsonNode? selector)
    {
        var s = Selector(selector);
        return s.Length == 0 ? None : s;
    }

    /// <summary>IntOrString's String().</summary>
    public static string IntOrString(JsonNode? node) => S(node) ?? "";

    /// <summary>layoutContainerCells: container names and images, comma-joined.</summary>
    public static (string Names, string Images) Containers(JsonNode? containers)
    {
        var names = new StringBuilder();
        var images = new StringBuilder();
        var first = true;
        foreach (var c in Objects(containers))
        {
            if (!first)
            {
                names.Append(',');
                images.Append(',');
            }
            first = false;
            names.Append(S(c["name"]));
            images.Append(S(c["image"]));
        }
        return (names.ToString(), images.ToString());
    }

    /// <summary>GetAccessModesAsString: RWO, ROX, RWX, RWOP in that fixed order.</summary>
    public static string AccessModes(JsonNode? modes)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (modes is JsonArray a)
            foreach (var m in a)
                if (S(m) is { } s) present.Add(s);
        var parts = new List<string>(4);
        if (present.Contains("ReadWriteOnce")) parts.Add("RWO");
        if (present.Contains("ReadOnlyMany")) parts.Add("ROX");
        if (present.Contains("ReadWriteMany")) parts.Add("RWX");
        if (present.Contains("ReadWriteOncePod")) parts.Add("RWOP");
        return string.Join(',', parts);
    }

    /// <summary>printBool: True or False as kubectl prints them.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>The first few items and a "+ N more..." suffix, as several printers abbreviate lists.</summary>
    public static string ListWithMore(List<string> list, bool more, int count, int max, string empty = Unset)
    {
        var ret = string.Join(',', list);
        if (more) return Inv($"{ret} + {count - max} more...");
        return ret.Length == 0 ? empty : ret;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer in invariant digits.</summary>
    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
