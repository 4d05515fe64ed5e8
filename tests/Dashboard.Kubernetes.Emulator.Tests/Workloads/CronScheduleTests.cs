using Dashboard.Kubernetes.Emulator.Controllers.Workloads;

namespace Dashboard.Kubernetes.Emulator.Tests.Workloads;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero); // a Monday

    private static DateTimeOffset Next(string spec, DateTimeOffset after) => CronSchedule.Parse(spec).Next(after)!.Value;

    [Theory]
    [InlineData("*/15 * * * *", "2024-01-01T00:15:00Z")]
    [InlineData("5 * * * *", "2024-01-01T00:05:00Z")]
    [InlineData("0 9-17/4 * * *", "2024-01-01T09:00:00Z")]
    [InlineData("30 2 * * sun", "2024-01-07T02:30:00Z")]
    [InlineData("0 0 1 feb *", "2024-02-01T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2024-02-29T00:00:00Z")]
    [InlineData("0 12 * * 1-5", "2024-01-01T12:00:00Z")]
    [InlineData("0 0 * * 7", "2024-01-07T00:00:00Z")]
    [InlineData("10,20,40 * * * *", "2024-01-01T00:10:00Z")]
    [InlineData("@hourly", "2024-01-01T01:00:00Z")]
    [InlineData("@daily", "2024-01-02T00:00:00Z")]
    [InlineData("@weekly", "2024-01-07T00:00:00Z")]
    [InlineData("@monthly", "2024-02-01T00:00:00Z")]
    [InlineData("@yearly", "2025-01-01T00:00:00Z")]
    [InlineData("7/20 * * * *", "2024-01-01T00:07:00Z")]
    public void Next_activation(string spec, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Next(spec, Start));

    [Fact]
    public void Restricted_day_of_month_and_weekday_match_either()
    {
        // Jan 13th 2024 is a Saturday; the first Friday after Jan 1st is the 5th.
        Assert.Equal(new DateTimeOffset(2024, 1, 5, 0, 0, 0, TimeSpan.Zero), Next("0 0 13 * fri", Start));
        Assert.Equal(new DateTimeOffset(2024, 1, 13, 0, 0, 0, TimeSpan.Zero), Next("0 0 13 * fri", new DateTimeOffset(2024, 1, 12, 1, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Next_is_strictly_after_and_steps_minute_by_minute()
    {
        Assert.Equal(Start.AddMinutes(1), Next("* * * * *", Start));
        Assert.Equal(Start.AddMinutes(1), Next("* * * * *", Start.AddSeconds(30)));
    }

    [Fact]
    public void Time_zones_shift_the_activation()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), CronSchedule.Parse("0 9 * * *").Next(Start.AddMinutes(-1), tokyo));
    }

    [Theory]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: * * * *")]
    [InlineData("60 * * * *", "end of range (60) above maximum (59): 60")]
    [InlineData("* * 0 * *", "beginning of range (0) below minimum (1): 0")]
    [InlineData("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [InlineData("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("@often", "unrecognized descriptor: @often")]
    [InlineData("TZ=UTC * * * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")]
    public void Errors_carry_the_parser_messages(string spec, string message)
    {
        Assert.False(CronSchedule.TryParse(spec, out _, out var error));
        Assert.Equal(message, error);
    }
}
