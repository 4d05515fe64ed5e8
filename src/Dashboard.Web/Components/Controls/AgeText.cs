namespace Dashboard.Web.Components.Controls;

/// <summary>Ages as kubectl prints them (its HumanDuration): 45s, 5m10s, 3h4m, 3d4h, 400d, 2y100d.</summary>
public static class AgeText
{
    /// <summary>The age of something created at <paramref name="created"/>, seen at <paramref name="now"/>.</summary>
    public static string Of(DateTimeOffset? created, DateTimeOffset now) => created is { } c ? Human(now - c) : "<unknown>";

    /// <summary>A duration in kubectl's short form.</summary>
    public static string Human(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";
        var minutes = seconds / 60;
        if (minutes < 10) return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        if (minutes < 60 * 3) return $"{minutes}m";
        var hours = minutes / 60;
        if (hours < 8) return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8) return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8) return (hours / 24) % 365 == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{(hours / 24) % 365}d";
        return $"{hours / 24 / 365}y";
    }
}
