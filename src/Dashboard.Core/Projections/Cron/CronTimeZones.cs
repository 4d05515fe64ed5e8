using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Projections.Cron;

/// <summary>IANA time zones by name (CronJob spec.timeZone), from the system's tz database.</summary>
public static class CronTimeZones
{
    /// <summary>Finds a zone by its IANA name ("Etc/UTC", "Europe/Paris", "Asia/Shanghai"); "UTC" and "Local" too.</summary>
    public static bool TryFind(string? name, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(name)) return false;
        if (name is "UTC" or "Etc/UTC")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }
        if (name == "Local")
        {
            zone = TimeZoneInfo.Local;
            return true;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out zone);
    }
}
