using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// A standard five-field cron schedule (minute hour day-of-month month day-of-week) with ranges, steps, lists, month
/// and weekday names and the <c>@hourly</c>-style descriptors, with the semantics of the parser CronJobs use: when
/// both day fields are restricted a time matches either of them.
/// </summary>
internal sealed class CronSchedule
{
    private readonly ulong _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _dayStar, _weekdayStar;

    private CronSchedule(ulong minutes, ulong hours, ulong days, ulong months, ulong weekdays, bool dayStar, bool weekdayStar)
    {
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _months = months;
        _weekdays = weekdays;
        _dayStar = dayStar;
        _weekdayStar = weekdayStar;
    }

    private static readonly Dictionary<string, string> Descriptors = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>Parses a schedule; throws <see cref="FormatException"/> with the parser's message.</summary>
    public static CronSchedule Parse(string spec) =>
        TryParse(spec, out var s, out var error) ? s! : throw new FormatException(error);

    /// <summary>Parses a schedule, giving the error message the API server would put in the 422.</summary>
    public static bool TryParse(string spec, out CronSchedule? schedule, out string error)
    {
        schedule = null;
        error = "";
        var text = spec.Trim();
        if (text.StartsWith("TZ=", StringComparison.Ordinal) || text.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            error = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";
            return false;
        }
        if (text.StartsWith('@'))
        {
            if (!Descriptors.TryGetValue(text, out var expanded))
            {
                error = "unrecognized descriptor: " + text;
                return false;
            }
            text = expanded;
        }
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            error = $"expected exactly 5 fields, found {fields.Length}: {spec}";
            return false;
        }
        try
        {
            var minutes = Field(fields[0], 0, 59, null);
            var hours = Field(fields[1], 0, 23, null);
            var days = Field(fields[2], 1, 31, null);
            var months = Field(fields[3], 1, 12, MonthNames);
            var weekdays = Field(fields[4], 0, 7, DayNames);
            if ((weekdays & (1UL << 7)) != 0) weekdays |= 1; // 7 is Sunday too
            schedule = new CronSchedule(minutes, hours, days, months, weekdays, IsStar(fields[2]), IsStar(fields[4]));
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    // As in the parser CronJobs use, "*" (or "*/1") leaves a day field unrestricted; "*/2" restricts it.
    private static bool IsStar(string field) => field is "*" or "?" or "*/1" or "?/1";

    private static ulong Field(string field, int min, int max, string[]? names)
    {
        ulong bits = 0;
        foreach (var part in field.Split(','))
            bits |= Range(part, min, max, names);
        return bits;
    }

    private static ulong Range(string expr, int min, int max, string[]? names)
    {
        var stepParts = expr.Split('/');
        if (stepParts.Length > 2) throw new FormatException($"too many slashes: {expr}");
        var rangeParts = stepParts[0].Split('-');
        if (rangeParts.Length > 2) throw new FormatException($"too many hyphens: {expr}");
        int start, end;
        if (stepParts[0] is "*" or "?")
        {
            start = min;
            end = max;
        }
        else
        {
            start = Number(rangeParts[0], names);
            end = rangeParts.Length == 2 ? Number(rangeParts[1], names) : start;
        }
        var step = 1;
        if (stepParts.Length == 2)
        {
            step = Number(stepParts[1], null);
            if (rangeParts.Length == 1 && stepParts[0] is not ("*" or "?")) end = max; // "N/step" means N through max
        }
        if (start < min) throw new FormatException($"beginning of range ({start}) below minimum ({min}): {expr}");
        if (end > max) throw new FormatException($"end of range ({end}) above maximum ({max}): {expr}");
        if (start > end) throw new FormatException($"beginning of range ({start}) beyond end of range ({end}): {expr}");
        if (step <= 0) throw new FormatException($"step of range should be a positive number: {expr}");
        ulong bits = 0;
        for (var i = start; i <= end; i += step) bits |= 1UL << i;
        return bits;
    }

    private static int Number(string s, string[]? names)
    {
        if (names is not null)
        {
            var i = Array.IndexOf(names, s.ToLowerInvariant());
            if (i >= 0) return i + (names.Length == 12 ? 1 : 0);
        }
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        throw new FormatException($"failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax");
    }

    /// <summary>The first activation strictly after <paramref name="after"/>, in the given zone (UTC when null); null if none within 5 years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!Has(_months, t.Month)) { t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1); continue; }
            if (!DayMatches(t)) { t = t.Date.AddDays(1); continue; }
            if (!Has(_hours, t.Hour)) { t = t.Date.AddHours(t.Hour + 1); continue; }
            if (!Has(_minutes, t.Minute)) { t = t.AddMinutes(1); continue; }
            if (zone.IsInvalidTime(t)) { t = t.AddMinutes(1); continue; }
            return new DateTimeOffset(t, zone.GetUtcOffset(t)).ToUniversalTime();
        }
        return null;
    }

    /// <summary>True when the schedule fires at the minute of <paramref name="time"/>.</summary>
    public bool Matches(DateTimeOffset time, TimeZoneInfo? zone = null)
    {
        var t = TimeZoneInfo.ConvertTime(time, zone ?? TimeZoneInfo.Utc).DateTime;
        return Has(_months, t.Month) && DayMatches(t) && Has(_hours, t.Hour) && Has(_minutes, t.Minute);
    }

    private bool DayMatches(DateTime t)
    {
        var dom = Has(_days, t.Day);
        var dow = Has(_weekdays, (int)t.DayOfWeek);
        return _dayStar || _weekdayStar ? dom && dow : dom || dow;
    }

    private static bool Has(ulong bits, int i) => (bits & (1UL << i)) != 0;
}
