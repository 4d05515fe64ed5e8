using System.Globalization;

namespace Dashboard.Core.Streams;

/// <summary>The RFC 3339 timestamps the kubelet puts before each line with <c>timestamps=true</c>.</summary>
internal static class LogTimestamps
{
    /// <summary>Splits <c>2024-05-01T10:00:00.123456789Z text</c> into time and text; lines without one come back whole.</summary>
    public static (DateTimeOffset? Time, string Text) Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var head = space < 0 ? line : line[..space];
        if (head.Length < 20 || head[4] != '-' || head[10] != 'T' || !TryParse(head, out var time)) return (null, line);
        return (time, space < 0 ? "" : line[(space + 1)..]);
    }

    /// <summary>Parses RFC 3339 with up to nine fractional digits (.NET keeps seven) and a Z or numeric offset.</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            var digits = text[(dot + 1)..end];
            if (digits.Length > 7) digits = digits[..7];
            text = text[..dot] + (digits.Length > 0 ? "." + digits : "") + text[end..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>Go's RFC3339Nano as the kubelet writes it: trailing zeros of the fraction dropped.</summary>
    public static string Format(DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        var fraction = (t.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        var head = t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return fraction.Length == 0 ? head + "Z" : $"{head}.{fraction}Z";
    }
}
