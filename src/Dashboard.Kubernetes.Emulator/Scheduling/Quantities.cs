using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>
/// Resource quantities (<c>500m</c>, <c>2</c>, <c>128Mi</c>, <c>1G</c>, <c>1e3</c>) as the integers the scheduler compares:
/// CPU in millicores, everything else in base units rounded up, as resource.Quantity's MilliValue/Value do.
/// </summary>
internal static class Quantities
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1000_000m), ("G", 1000_000_000m),
        ("T", 1000_000_000_000m), ("P", 1000_000_000_000_000m), ("E", 1000_000_000_000_000_000m),
    ];

    /// <summary>Parses a quantity into its decimal value, or null when it is not one.</summary>
    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        var factor = 1m;
        foreach (var (suffix, f) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && text.Length > suffix.Length)
            {
                factor = f;
                text = text[..^suffix.Length];
                break;
            }
        }
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        try { return value * factor; }
        catch (OverflowException) { return decimal.MaxValue; }
    }

    /// <summary>CPU in millicores (rounded up), 0 when absent or invalid.</summary>
    public static long MilliCpu(string? text) => Parse(text) is { } v ? (long)Math.Ceiling(v * 1000m) : 0;

    /// <summary>A quantity in base units (bytes for memory), rounded up; 0 when absent or invalid.</summary>
    public static long Value(string? text) => Parse(text) is { } v ? (long)Math.Ceiling(Math.Min(v, long.MaxValue)) : 0;
}
