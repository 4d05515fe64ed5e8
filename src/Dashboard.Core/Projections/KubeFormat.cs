using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>
/// The string forms kubectl prints: ages (apimachinery's HumanDuration), label maps, label selectors, access modes.
/// Rows keep the typed value next to the text so that grids sort by the value and show the text.
/// </summary>
public static class KubeFormat
{
    /// <summary>What kubectl prints for an empty value.</summary>
    public const string None = "<none>";
    /// <summary>What kubectl prints for a missing timestamp.</summary>
    public const string Unknown = "<unknown>";
    /// <summary>What kubectl prints for an unset optional field.</summary>
    public const string Unset = "<unset>";

    /// <summary>
    /// A short, coarse duration as kubectl prints ages: "45s", "5m10s", "12m", "3h5m", "20h", "3d4h", "45d", "2y30d".
    /// Precision drops as the duration grows: seconds below 2 minutes, minutes below 3 hours, hours below 8 days.
    /// </summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)Math.Truncate(d.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return Inv($"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 10) return Pair(minutes, "m", seconds % 60, "s");
        if (minutes < 180) return Inv($"{minutes}m");
        var hours = minutes / 60;
        if (hours < 8) return Pair(hours, "h", minutes % 60, "m");
        if (hours < 48) return Inv($"{hours}h");
        if (hours < 24 * 8) return Pair(hours / 24, "d", hours % 24, "h");
        const long year = 24 * 365;
        if (hours < 2 * year) return Inv($"{hours / 24}d");
        if (hours < 8 * year) return Pair(hours / year, "y", hours / 24 % 365, "d");
        return Inv($"{hours / year}y");
    }

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? Inv($"{major}{majorUnit}") : Inv($"{major}{majorUnit}{minor}{minorUnit}");

    /// <summary>The age of a timestamp at <paramref name="now"/>, or <c>&lt;unknown&gt;</c> without one.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now) => since is { } t ? HumanDuration(now - t) : Unknown;

    /// <summary>Labels as <c>k=v</c> pairs sorted by key and joined by commas; <c>&lt;none&gt;</c> when empty.</summary>
    public static string Labels(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0) return None;
        var pairs = labels.Select(kv => kv.Key + "=" + kv.Value).ToList();
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    /// <summary>
    /// A LabelSelector (matchLabels and matchExpressions) in the API's string form, requirements sorted by key:
    /// <c>app=web,tier in (a,b),!legacy</c>. Empty for an empty or missing selector.
    /// </summary>
    public static string Selector(JsonNode? selector)
    {
        if (selector is not JsonObject sel) return "";
        var requirements = new List<(string Key, string Text)>();
        if (sel["matchLabels"] is JsonObject ml)
            foreach (var (k, v) in ml) requirements.Add((k, k + "=" + S(v)));
        foreach (var expr in Objects(sel["matchExpressions"]))
        {
            var key = S(expr["key"]) ?? "";
            var values = Strings(expr["values"]).ToList();
            values.Sort(StringComparer.Ordinal);
            string? text = S(expr["operator"]) switch
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
        return string.Join(',', requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    /// <summary>Access modes abbreviated in kubectl's fixed order: RWO, ROX, RWX, RWOP.</summary>
    public static string AccessModes(IEnumerable<string> modes)
    {
        var present = modes.ToHashSet(StringComparer.Ordinal);
        var parts = new List<string>(4);
        if (present.Contains("ReadWriteOnce")) parts.Add("RWO");
        if (present.Contains("ReadOnlyMany")) parts.Add("ROX");
        if (present.Contains("ReadWriteMany")) parts.Add("RWX");
        if (present.Contains("ReadWriteOncePod")) parts.Add("RWOP");
        return string.Join(',', parts);
    }

    /// <summary>Container names and images of a pod template, each comma-joined (kubectl's wide columns).</summary>
    internal static (string Names, string Images) Containers(JsonNode? containers)
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

    /// <summary>An integer in invariant digits.</summary>
    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
