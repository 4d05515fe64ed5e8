using System.Globalization;

namespace Dashboard.Core.Projections;

/// <summary>
/// A Kubernetes resource quantity ("100m", "1.5", "128Mi", "1G", "1e3") read as a decimal number of base units, for
/// comparing and summing requests and limits. Exact for everything the API accepts short of exabyte-scale exponents.
/// </summary>
public static class Quantity
{
    private static readonly Dictionary<string, decimal> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = 1m,
        ["n"] = 0.000000001m, ["u"] = 0.000001m, ["m"] = 0.001m,
        ["k"] = 1e3m, ["M"] = 1e6m, ["G"] = 1e9m, ["T"] = 1e12m, ["P"] = 1e15m, ["E"] = 1e18m,
        ["Ki"] = 1024m, ["Mi"] = 1024m * 1024, ["Gi"] = 1024m * 1024 * 1024, ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024, ["Ei"] = 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
    };

    /// <summary>Parses a quantity; false for text the API would refuse.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var end = s.Length;
        while (end > 0 && char.IsAsciiLetter(s[end - 1])) end--;
        var number = s[..end];
        var suffix = s[end..];
        // "1e3" / "1E3": a decimal exponent, which ends in digits and so is not caught as a suffix above.
        var exp = number.IndexOfAny(['e', 'E']);
        if (exp > 0 && suffix.Length == 0)
        {
            if (!decimal.TryParse(s[..exp], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mantissa)
                || !int.TryParse(s[(exp + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var power)
                || power is < -18 or > 18) return false;
            value = mantissa * Pow10(power);
            return true;
        }
        if (!Suffixes.TryGetValue(suffix, out var multiplier)) return false;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return false;
        try
        {
            value = n * multiplier;
        }
        catch (OverflowException)
        {
            return false;
        }
        return true;
    }

    /// <summary>The value, or null when the text is not a quantity.</summary>
    public static decimal? Parse(string? text) => TryParse(text, out var v) ? v : null;

    private static decimal Pow10(int power)
    {
        var r = 1m;
        for (var i = 0; i < Math.Abs(power); i++) r *= 10;
        return power < 0 ? 1 / r : r;
    }
}
