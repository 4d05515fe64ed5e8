using System.Globalization;
using System.Text;

namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>Formats nanoseconds the way Go's time.Duration.String does (<c>1h0m0s</c>, <c>1.5s</c>, <c>300ms</c>), as metav1.Duration marshals.</summary>
internal static class GoDuration
{
    public static string Format(long nanos)
    {
        if (nanos == 0) return "0s";
        var negative = nanos < 0;
        var u = negative ? (ulong)(-(nanos + 1)) + 1 : (ulong)nanos;
        var sb = new StringBuilder();
        if (u < 1_000_000_000UL)
        {
            // Sub-second values use the largest unit that keeps the integer part non-zero.
            var (scale, unit) = u < 1_000UL ? (1UL, "ns") : u < 1_000_000UL ? (1_000UL, "µs") : (1_000_000UL, "ms");
            sb.Append(Fraction(u, scale)).Append(unit);
        }
        else
        {
            var seconds = u / 1_000_000_000UL;
            var hours = seconds / 3600;
            var minutes = seconds / 60 % 60;
            var secPart = Fraction(u % 60_000_000_000UL, 1_000_000_000UL);
            if (hours > 0) sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            if (hours > 0 || minutes > 0) sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            sb.Append(secPart).Append('s');
        }
        return negative ? "-" + sb : sb.ToString();
    }

    private static string Fraction(ulong value, ulong scale)
    {
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var rest = value % scale;
        if (rest == 0) return whole;
        var digits = scale.ToString(CultureInfo.InvariantCulture).Length - 1;
        var frac = rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return whole + "." + frac;
    }
}
