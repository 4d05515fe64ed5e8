using System.Globalization;

namespace Dashboard.Web.Components.Controls;

/// <summary>Kubernetes timestamps (RFC 3339) as they appear inside objects.</summary>
public static class KubeTime
{
    /// <summary>Parses a timestamp, or null when absent or malformed.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
