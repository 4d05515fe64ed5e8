using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// A Kubernetes resource.Quantity reduced to what quota and LimitRange arithmetic need: an exact decimal value and
/// whether it was written with binary suffixes, so sums print the way the real server canonicalizes them
/// (<c>1536Mi</c>, <c>1500m</c>, <c>2</c>).
/// </summary>
internal readonly partial record struct ExactQuantity(decimal Value, bool Binary)
{
    private static readonly (string Suffix, decimal Factor)[] BinarySuffixes =
        [("Ei", 1152921504606846976m), ("Pi", 1125899906842624m), ("Ti", 1099511627776m), ("Gi", 1073741824m), ("Mi", 1048576m), ("Ki", 1024m)];
    private static readonly (string Suffix, decimal Factor)[] DecimalSuffixes =
        [("E", 1e18m), ("P", 1e15m), ("T", 1e12m), ("G", 1e9m), ("M", 1e6m), ("k", 1e3m), ("", 1m), ("m", 1e-3m), ("u", 1e-6m), ("n", 1e-9m)];

    public static ExactQuantity Zero => new(0m, false);

    [GeneratedRegex(@"^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$")]
    private static partial Regex Syntax();

    /// <summary>Parses a quantity string; false when it is not one.</summary>
    public static bool TryParse(string? text, out ExactQuantity quantity)
    {
        quantity = Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = Syntax().Match(text.Trim());
        if (!m.Success) return false;
        if (!decimal.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
        var suffix = m.Groups[2].Value;
        try
        {
            if (suffix.Length == 0) { quantity = new(number, false); return true; }
            foreach (var (s, f) in BinarySuffixes)
                if (s == suffix) { quantity = new(number * f, true); return true; }
            foreach (var (s, f) in DecimalSuffixes)
                if (s == suffix) { quantity = new(number * f, false); return true; }
            var exponent = int.Parse(suffix[1..], CultureInfo.InvariantCulture);
            quantity = new(number * Pow10(exponent), false);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses or returns zero.</summary>
    public static ExactQuantity Parse(string? text) => TryParse(text, out var q) ? q : Zero;

    public static ExactQuantity operator +(ExactQuantity a, ExactQuantity b) =>
        new(a.Value + b.Value, a.Value == 0 ? b.Binary : a.Binary);

    public static ExactQuantity operator -(ExactQuantity a, ExactQuantity b) => new(a.Value - b.Value, a.Binary);

    public int CompareTo(ExactQuantity other) => Value.CompareTo(other.Value);

    /// <summary>The canonical text, as the API server prints quantities.</summary>
    public override string ToString()
    {
        var v = Value;
        if (v == 0) return "0";
        var sign = v < 0 ? "-" : "";
        v = Math.Abs(v);
        if (Binary && v == decimal.Truncate(v) && v >= 1024)
        {
            foreach (var (s, f) in BinarySuffixes)
                if (v % f == 0) return sign + (v / f).ToString(CultureInfo.InvariantCulture) + s;
        }
        foreach (var (s, f) in DecimalSuffixes)
        {
            var scaled = v / f;
            if (scaled == decimal.Truncate(scaled) && (scaled % 1000 != 0 || s == "E" || f < 1m))
                return sign + scaled.ToString("0", CultureInfo.InvariantCulture) + s;
        }
        // Finer than a nanounit: the real server rounds up to nano.
        return sign + decimal.Ceiling(v / 1e-9m).ToString("0", CultureInfo.InvariantCulture) + "n";
    }

    private static decimal Pow10(int exponent)
    {
        var r = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++) r *= 10;
        return exponent < 0 ? 1 / r : r;
    }
}
