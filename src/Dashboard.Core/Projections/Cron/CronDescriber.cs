using System.Globalization;
using Dashboard.Core.Resources;

namespace Dashboard.Core.Projections.Cron;

/// <summary>
/// A cron schedule in words ("At 02:00, on Monday through Friday", "每 5 分钟"), from CoreStrings in the given
/// culture. Common shapes get a natural sentence; anything else still gets every field spelled out.
/// </summary>
public static class CronDescriber
{
    /// <summary>Describes an expression; an invalid one is described as invalid with the parser's reason.</summary>
    public static string Describe(string? expression, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return CronSchedule.TryParse(expression, out var schedule, out var error)
            ? Describe(schedule, c)
            : CoreStrings.Format(c, "Cron_Invalid", error);
    }

    /// <summary>Describes a parsed schedule.</summary>
    public static string Describe(CronSchedule schedule, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var c = culture ?? CultureInfo.CurrentUICulture;
        if (schedule.Every is { } every) return F(c, "Cron_Every", GoDuration.Format(every));
        var sentence = TimePhrase(schedule, c);
        if (DayPhrase(schedule, c) is { } days) sentence = F(c, "Cron_Join", sentence, days);
        if (!schedule.Months.IsWildcard && schedule.Months.Values.Count < 12)
            sentence = F(c, "Cron_Join", sentence, F(c, "Cron_InMonths", FieldText(schedule.Months, c, Names(c, "Cron_MonthNames", 1))));
        return sentence;
    }

    private static string TimePhrase(CronSchedule s, CultureInfo c)
    {
        var m = s.Minutes;
        var h = s.Hours;
        var allMinutes = m.Values.Count == 60;
        var allHours = h.Values.Count == 24;
        var hourRange = h.Parts.Count == 1 && h.Parts[0] is { Step: 1, IsStar: false } hr && hr.End > hr.Start ? hr : (CronPart?)null;
        if (allMinutes && allHours) return Get(c, "Cron_EveryMinute");
        if (m.EveryStep is { } ms && allHours) return F(c, "Cron_EveryNMinutes", ms);
        if (m.IsList && h.IsList && m.Values.Count * h.Values.Count <= 6)
        {
            var times = h.Values.SelectMany(hh => m.Values.Select(mm => Clock(hh, mm))).ToList();
            return F(c, "Cron_AtTimes", List(times, c));
        }
        if (m.IsList && allHours)
            return m.Values is [0] ? Get(c, "Cron_EveryHour") : F(c, "Cron_MinutesPastEveryHour", List(m.Values.Select(N), c));
        if (m.IsList && h.EveryStep is { } hs) return F(c, "Cron_MinutesPastEveryNHours", List(m.Values.Select(N), c), hs);
        if (hourRange is not null || h.IsList && h.Values.Count == 1)
        {
            var (from, to) = hourRange is { } r ? (r.Start, r.End) : (h.Values[0], h.Values[0]);
            if (allMinutes) return F(c, "Cron_EveryMinuteBetween", Clock(from, 0), Clock(to, 59));
            if (m.EveryStep is { } step) return F(c, "Cron_EveryNMinutesBetween", step, Clock(from, 0), Clock(to, 59));
        }
        return F(c, "Cron_MinutesOfHours", FieldText(m, c, null), FieldText(h, c, null));
    }

    private static string? DayPhrase(CronSchedule s, CultureInfo c)
    {
        var dom = s.DaysOfMonth;
        var dow = s.DaysOfWeek;
        var domAll = dom.IsWildcard || dom.Values.Count == 31;
        var dowAll = dow.IsWildcard || dow.Values.Count == 7;
        string? domText = domAll ? null
            : dom.EveryStep is { } step && dom.Parts[0].Start == 1 ? F(c, "Cron_OnEveryNDays", step)
            : F(c, "Cron_OnDaysOfMonth", FieldText(dom, c, null));
        var dowText = dowAll ? null : F(c, "Cron_OnDaysOfWeek", FieldText(dow, c, Names(c, "Cron_DayNames", 0)));
        // A "*" in either day field makes the other decide alone; both restricted means either may match.
        if (dom.IsWildcard && !dowAll) return dowText;
        if (dow.IsWildcard && !domAll) return domText;
        if (domText is not null && dowText is not null) return F(c, "Cron_Or", domText, dowText);
        return domText ?? dowText;
    }

    private static string FieldText(CronField field, CultureInfo c, Func<int, string>? name)
    {
        name ??= N;
        var parts = new List<string>();
        foreach (var p in field.Parts)
        {
            if (p.IsSingle) parts.Add(name(p.Start));
            else if (p.Step == 1) parts.Add(F(c, "Cron_Through", name(p.Start), name(p.End)));
            else if (p.IsStar) parts.Add(F(c, "Cron_StepAll", p.Step));
            else parts.Add(F(c, "Cron_StepRange", p.Step, name(p.Start), name(p.End)));
        }
        return List(parts, c);
    }

    private static Func<int, string> Names(CultureInfo c, string key, int first)
    {
        var names = Get(c, key).Split(',');
        return v => v - first >= 0 && v - first < names.Length ? names[v - first] : N(v);
    }

    private static string List(IEnumerable<string> items, CultureInfo c)
    {
        var list = items.ToList();
        if (list.Count <= 1) return list.FirstOrDefault() ?? "";
        var head = string.Join(Get(c, "Cron_ListSeparator"), list.Take(list.Count - 1));
        return F(c, "Cron_ListAnd", head, list[^1]);
    }

    private static string Clock(int hour, int minute) => hour.ToString("00", CultureInfo.InvariantCulture) + ":" + minute.ToString("00", CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Get(CultureInfo c, string key) => CoreStrings.Get(key, c);

    private static string F(CultureInfo c, string key, params object?[] args) => CoreStrings.Format(c, key, args);
}
