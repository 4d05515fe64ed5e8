using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Metrics;

/// <summary>Kubernetes resource.Quantity strings to numbers (cores or bytes) and back in metrics-server's units.</summary>
internal static class ResourceQuantity
{
    private static readonly (string Suffix, double Factor)[] Suffixes =
    [
        ("Ki", 1024d), ("Mi", 1024d * 1024), ("Gi", 1024d * 1024 * 1024), ("Ti", 1024d * 1024 * 1024 * 1024),
        ("Pi", 1024d * 1024 * 1024 * 1024 * 1024), ("Ei", 1024d * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ];

    /// <summary>Parses a quantity; null when absent or malformed.</summary>
    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        foreach (var (suffix, factor) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                return v * factor;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }

    /// <summary>CPU as metrics-server writes it: nanocores, <c>137329083n</c>.</summary>
    public static string NanoCores(double cores) => ((long)Math.Round(cores * 1e9)).ToString(CultureInfo.InvariantCulture) + "n";

    /// <summary>Memory as metrics-server writes it: kibibytes, <c>1462316Ki</c>.</summary>
    public static string Kibibytes(double bytes) => ((long)Math.Round(bytes / 1024)).ToString(CultureInfo.InvariantCulture) + "Ki";
}
