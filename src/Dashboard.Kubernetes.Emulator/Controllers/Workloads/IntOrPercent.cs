using System.Globalization;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>Resolves an IntOrString such as <c>maxSurge: 25%</c> against a total, as intstr.GetScaledValueFromIntOrPercent does.</summary>
internal static class IntOrPercent
{
    public static int Resolve(JsonNode? value, int total, bool roundUp, int fallback = 0)
    {
        if (value is not JsonValue v) return fallback;
        if (v.TryGetValue<string>(out var s))
        {
            if (s.EndsWith('%') && int.TryParse(s[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pct))
            {
                var exact = pct * (double)total / 100.0;
                return roundUp ? (int)Math.Ceiling(exact) : (int)Math.Floor(exact);
            }
            return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        }
        return v.TryGetValue<int>(out var i) ? i : v.TryGetValue<long>(out var l) ? (int)l : v.TryGetValue<double>(out var d) ? (int)d : fallback;
    }
}
