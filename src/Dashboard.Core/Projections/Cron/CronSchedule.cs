using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dashboard.Core.Projections.Cron;

/// <summary>
/// A CronJob schedule as the controller reads it (the standard five fields of the cron library Kubernetes uses):
/// minute, hour, day of month, month, day of week; <c>*</c>, <c>?</c>, values, ranges <c>a-b</c>, steps <c>*/n</c>,
/// <c>a-b/n</c> and <c>a/n</c>, lists, month and weekday names, the descriptors <c>@yearly @annually @monthly @weekly
/// @daily @midnight @hourly</c> and <c>@every &lt;duration&gt;</c>, and a <c>TZ=</c>/<c>CRON_TZ=</c> prefix. When both day
/// fields are restricted a day matches either one (cron's rule); otherwise both must match.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly Dictionary<string, string> Descriptors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private CronSchedule(string expression) => Expression = expression;

    /// <summary>The expression as written.</summary>
    public string Expression { get; }
    /// <summary>Minutes (0-59).</summary>
    public CronField Minutes { get; private set; } = null!;
    /// <summary>Hours (0-23).</summary>
    public CronField Hours { get; private set; } = null!;
    /// <summary>Days of the month (1-31).</summary>
    public CronField DaysOfMonth { get; private set; } = null!;
    /// <summary>Months (1-12).</summary>
    public CronField Months { get; private set; } = null!;
    /// <summary>Days of the week (0-6, Sunday is 0).</summary>
    public CronField DaysOfWeek { get; private set; } = null!;
    /// <summary>For <c>@every</c>: the fixed interval (the fields are then unused).</summary>
    public TimeSpan? Every { get; private set; }
    /// <summary>A time zone named in the expression (<c>CRON_TZ=...</c>), if any.</summary>
    public string? TimeZoneInExpression { get; private set; }

    /// <summary>Parses an expression; the error says what is wrong, in the cron library's terms.</summary>
    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        error = null;
        var text = (expression ?? "").Trim();
        if (text.Length == 0)
        {
            error = "empty spec string";
            return false;
        }
        var result = new CronSchedule(text);
        if (text.StartsWith("TZ=", StringComparison.Ordinal) || text.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                error = "missing fields after the time zone";
                return false;
            }
            result.TimeZoneInExpression = text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            text = text[(space + 1)..].Trim();
        }
        if (text.StartsWith("@every ", StringComparison.OrdinalIgnoreCase))
        {
            if (!GoDuration.TryParse(text[7..].Trim(), out var every) || every <= TimeSpan.Zero)
            {
                error = $"failed to parse duration {text}";
                return false;
            }
            result.Every = every < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : every;
            schedule = result;
            return true;
        }
        if (text.StartsWith('@'))
        {
            if (!Descriptors.TryGetValue(text, out var expanded))
            {
                error = $"unrecognized descriptor: {text}";
                return false;
            }
            text = expanded;
        }
        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            error = $"expected exactly 5 fields, found {fields.Length}: {text}";
            return false;
        }
        if (!TryField(fields[0], 0, 59, null, out var minutes, out error)
            || !TryField(fields[1], 0, 23, null, out var hours, out error)
            || !TryField(fields[2], 1, 31, null, out var dom, out error)
            || !TryField(fields[3], 1, 12, MonthNames, out var months, out error)
            || !TryField(fields[4], 0, 6, DayNames, out var dow, out error))
            return false;
        result.Minutes = minutes;
        result.Hours = hours;
        result.DaysOfMonth = dom;
        result.Months = months;
        result.DaysOfWeek = dow;
        schedule = result;
        return true;
    }

    private static bool TryField(string field, int min, int max, string[]? names, [NotNullWhen(true)] out CronField? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        error = null;
        var parts = new List<CronPart>();
        foreach (var expr in field.Split(','))
        {
            var slash = expr.Split('/');
            if (slash.Length > 2)
            {
                error = $"too many slashes: {expr}";
                return false;
            }
            var range = slash[0];
            int start, end;
            var star = range is "*" or "?";
            if (star)
                (start, end) = (min, max);
            else
            {
                var bounds = range.Split('-');
                if (bounds.Length > 2)
                {
                    error = $"too many hyphens: {expr}";
                    return false;
                }
                if (!TryValue(bounds[0], names, min, out start, out error)) return false;
                end = start;
                if (bounds.Length == 2 && !TryValue(bounds[1], names, min, out end, out error)) return false;
            }
            var step = 1;
            if (slash.Length == 2)
            {
                if (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                {
                    error = $"step of range should be a positive number: {expr}";
                    return false;
                }
                // "a/n" means from a to the end of the field.
                if (!star && !range.Contains('-', StringComparison.Ordinal)) end = max;
            }
            if (start < min)
            {
                error = $"beginning of range ({start}) below minimum ({min}): {expr}";
                return false;
            }
            if (end > max)
            {
                error = $"end of range ({end}) above maximum ({max}): {expr}";
                return false;
            }
            if (start > end)
            {
                error = $"beginning of range ({start}) beyond end of range ({end}): {expr}";
                return false;
            }
            parts.Add(new CronPart(start, end, step, star));
        }
        result = new CronField(min, max, parts);
        return true;
    }

    private static bool TryValue(string text, string[]? names, int min, out int value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (names is not null)
        {
            var i = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (i >= 0)
            {
                // Month names are 1-based, weekday names 0-based: the field's minimum says which.
                value = i + min;
                return true;
            }
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        error = $"failed to parse int from {text}";
        return false;
    }

    /// <summary>
    /// The first run strictly after <paramref name="after"/>, in <paramref name="zone"/> (the expression's own
    /// CRON_TZ wins). Null when no time in the next five years matches (e.g. February 30).
    /// Wall-clock times skipped by a daylight-saving jump do not run; repeated ones run once, at the first.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (TimeZoneInExpression is { } own && CronTimeZones.TryFind(own, out var ownZone)) zone = ownZone;
        if (Every is { } every)
        {
            var next = after + every;
            return next.AddTicks(-(next.UtcTicks % TimeSpan.TicksPerSecond));
        }
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.Year + 5;
        while (t.Year <= limit)
        {
            if (!Months.Contains(t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
                continue;
            }
            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }
            if (!Hours.Contains(t.Hour))
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }
            if (!Minutes.Contains(t.Minute))
            {
                t = t.AddMinutes(1);
                continue;
            }
            if (zone.IsInvalidTime(t))
            {
                t = t.AddMinutes(1);
                continue;
            }
            var offset = zone.IsAmbiguousTime(t) ? zone.GetAmbiguousTimeOffsets(t).Max() : zone.GetUtcOffset(t);
            var run = new DateTimeOffset(t, offset);
            // Inside a repeated hour the first occurrence may already be past.
            if (run > after) return run;
            t = t.AddMinutes(1);
        }
        return null;
    }

    private bool DayMatches(DateTime t)
    {
        var dom = DaysOfMonth.Contains(t.Day);
        var dow = DaysOfWeek.Contains((int)t.DayOfWeek);
        return DaysOfMonth.IsWildcard || DaysOfWeek.IsWildcard ? dom && dow : dom || dow;
    }
}
