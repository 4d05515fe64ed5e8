using System.Globalization;
using Dashboard.Core.Projections;
using Dashboard.Core.Projections.Cron;

namespace Dashboard.Core.Tests.Projections;

/// <summary>CronJob schedules: parsing as the controller's cron library does, the next run, and the schedule in words.</summary>
public sealed class ProjectionsCronTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly DateTimeOffset From = new(2026, 11, 22, 1, 2, 30, TimeSpan.Zero); // a Sunday

    private static CronSchedule Parse(string expr)
    {
        Assert.True(CronSchedule.TryParse(expr, out var s, out var error), error);
        return s;
    }

    private static DateTimeOffset? Next(string expr, DateTimeOffset from, string zone = "UTC")
    {
        Assert.True(CronTimeZones.TryFind(zone, out var tz));
        return Parse(expr).Next(from, tz);
    }

    [Theory]
    [InlineData("*/5 * * * *", "2026-11-22T01:05:00Z")]
    [InlineData("2 1 * * *", "2026-11-23T01:02:00Z")]
    [InlineData("10-30/10 * * * *", "2026-11-22T01:10:00Z")]
    [InlineData("5/15 * * * *", "2026-11-22T01:05:00Z")]
    [InlineData("@hourly", "2026-11-22T02:00:00Z")]
    [InlineData("@daily", "2026-11-23T00:00:00Z")]
    [InlineData("@weekly", "2026-11-29T00:00:00Z")]
    [InlineData("@monthly", "2026-12-01T00:00:00Z")]
    [InlineData("@yearly", "2027-01-01T00:00:00Z")]
    [InlineData("0 9 * jan-mar MON-FRI", "2027-01-01T09:00:00Z")]
    [InlineData("0 0 13 * 5", "2026-11-27T00:00:00Z")]
    [InlineData("0 0 13 * *", "2026-12-13T00:00:00Z")]
    [InlineData("0 0 * * 5", "2026-11-27T00:00:00Z")]
    [InlineData("0 0 ? * 1", "2026-11-23T00:00:00Z")]
    [InlineData("0 12 29 2 *", "2028-02-29T12:00:00Z")]
    public void The_next_run_follows_the_cron_rules(string expr, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), Next(expr, From));

    [Fact]
    public void Both_day_fields_restricted_match_either_but_a_star_makes_them_both_apply()
    {
        // 2026-11-27 is a Friday, not the 13th: only the OR rule lets it run.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), Next("0 0 13 * 5", From));
        // "*/2" in day-of-month is no star (odd days): the OR rule lets Monday the 23rd run.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), Next("0 0 */2 * 5", From));
        // "*/1" still counts as a star, as in the cron library: both fields apply, so only Fridays run.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), Next("0 0 */1 * 5", From));
    }

    [Fact]
    public void A_date_that_never_comes_has_no_next_run() => Assert.Null(Next("0 0 30 2 *", From));

    [Fact]
    public void The_time_zone_field_moves_the_run()
    {
        // 02:00 in Paris (UTC+1 in November) is 01:00 UTC; at 01:02 UTC today's run is past.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), Next("0 2 * * *", From, "Europe/Paris"));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero), Next("0 0 * * *", From, "Asia/Shanghai"));
    }

    [Fact]
    public void A_wall_clock_time_skipped_by_daylight_saving_does_not_run()
    {
        // Paris springs forward on 2027-03-28 at 02:00: 02:30 does not exist that day.
        var next = Next("30 2 * * *", new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero), "Europe/Paris");
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)), next);
    }

    [Fact]
    public void A_repeated_wall_clock_time_runs_once()
    {
        // Paris falls back on 2026-10-25 at 03:00: 02:30 happens twice, the job runs at the first.
        var zone = "Europe/Paris";
        var first = Next("30 2 * * *", new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), zone);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), first);
        var after = Next("30 2 * * *", first!.Value, zone);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 2, 30, 0, TimeSpan.FromHours(1)), after);
    }

    [Fact]
    public void A_time_zone_in_the_expression_wins()
    {
        var s = Parse("CRON_TZ=Asia/Tokyo 0 9 * * *");
        Assert.Equal("Asia/Tokyo", s.TimeZoneInExpression);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), s.Next(From, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Every_runs_at_a_fixed_interval()
    {
        var s = Parse("@every 1h30m");
        Assert.Equal(TimeSpan.FromMinutes(90), s.Every);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 2, 32, 30, TimeSpan.Zero), s.Next(From, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("", "empty spec string")]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: * * * *")]
    [InlineData("61 * * * *", "end of range (61) above maximum (59): 61")]
    [InlineData("* * 0 * *", "beginning of range (0) below minimum (1): 0")]
    [InlineData("* * * * 7", "end of range (7) above maximum (6): 7")]
    [InlineData("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [InlineData("*/0 * * * *", "step of range should be a positive number: */0")]
    [InlineData("* * * foo *", "failed to parse int from foo")]
    [InlineData("@fortnightly", "unrecognized descriptor: @fortnightly")]
    [InlineData("@every soon", "failed to parse duration @every soon")]
    public void Bad_schedules_are_refused_with_the_reason(string expr, string error)
    {
        Assert.False(CronSchedule.TryParse(expr, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData("*/5 * * * *", "Every 5 minutes", "每 5 分钟")]
    [InlineData("* * * * *", "Every minute", "每分钟")]
    [InlineData("0 * * * *", "Every hour", "每小时")]
    [InlineData("0 2 * * *", "At 02:00", "在 02:00")]
    [InlineData("30 1 * * 1-5", "At 01:30, on Monday through Friday", "在 01:30，仅在周一至周五")]
    [InlineData("@monthly", "At 00:00, on day 1 of the month", "在 00:00，仅在每月 1 日")]
    [InlineData("15 */6 * * *", "At minute 15 past every 6 hours", "每 6 小时的第 15 分钟")]
    [InlineData("0 9,17 * * 1,3,5", "At 09:00 and 17:00, on Monday, Wednesday and Friday", "在 09:00和17:00，仅在周一、周三和周五")]
    [InlineData("0 0 13 * 5", "At 00:00, on day 13 of the month or on Friday", "在 00:00，仅在每月 13 日或仅在周五")]
    [InlineData("0 0 1 1 *", "At 00:00, on day 1 of the month, in January", "在 00:00，仅在每月 1 日，仅在1月")]
    [InlineData("*/10 9-17 * * *", "Every 10 minutes between 09:00 and 17:59", "在 09:00 至 17:59 之间每 10 分钟")]
    [InlineData("0 3 */2 * *", "At 03:00, every 2 days of the month", "在 03:00，每月每隔 2 天")]
    [InlineData("0-30/15 1-3 * * *", "At minute every 15 from 0 through 30 past hour 1 through 3", "在 1至3 点的第 0至30每隔 15 分钟")]
    [InlineData("@every 2h", "Every 2h", "每 2h")]
    [InlineData("* * * *", "Invalid schedule: expected exactly 5 fields, found 4: * * * *", "无效的计划：expected exactly 5 fields, found 4: * * * *")]
    public void Schedules_read_in_words_in_english_and_chinese(string expr, string en, string zh)
    {
        Assert.Equal(en, CronDescriber.Describe(expr, En));
        Assert.Equal(zh, CronDescriber.Describe(expr, Zh));
    }
}
