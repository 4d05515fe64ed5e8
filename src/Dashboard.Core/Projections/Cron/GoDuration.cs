using System.Globalization;

namespace Dashboard.Core.Projections.Cron;

/// <summary>Go's duration syntax ("90s", "1h30m", "1.5h", "250ms"), as <c>@every</c> takes it.</summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", TimeSpan.TicksPerMillisecond / 1_000_000.0),
        ("us", TimeSpan.TicksPerMillisecond / 1000.0),
        ("µs", TimeSpan.TicksPerMillisecond / 1000.0),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text)) return false;
        if (text == "0") return true;
        double ticks = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start || !double.TryParse(text[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.') i++;
            var unit = text[unitStart..i];
            var match = Array.Find(Units, u => u.Unit == unit);
            if (match.Unit is null) return false;
            ticks += number * match.Ticks;
        }
        if (ticks > TimeSpan.MaxValue.Ticks) return false;
        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>A duration in Go's short form: "1h30m", "45s", "2h".</summary>
    public static string Format(TimeSpan d)
    {
        var parts = new List<string>(3);
        if ((long)d.TotalHours > 0) parts.Add(((long)d.TotalHours).ToString(CultureInfo.InvariantCulture) + "h");
        if (d.Minutes > 0) parts.Add(d.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        if (d.Seconds > 0 || parts.Count == 0) parts.Add(d.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        return string.Concat(parts);
    }
}
