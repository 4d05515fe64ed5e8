namespace Dashboard.Kubernetes.Emulator.CustomResources;

/// <summary>
/// Kubernetes version priority (v2 &gt; v1 &gt; v1beta2 &gt; v1beta1 &gt; v1alpha1 &gt; anything else, alphabetically),
/// which decides a group's preferred version in discovery.
/// </summary>
internal static class VersionPriority
{
    /// <summary>Negative when <paramref name="a"/> has the higher priority (sorts first).</summary>
    public static int Compare(string a, string b)
    {
        var ka = Key(a);
        var kb = Key(b);
        if (ka.Kind != kb.Kind) return ka.Kind.CompareTo(kb.Kind);
        if (ka.Kind == 3) return string.CompareOrdinal(a, b);
        if (ka.Major != kb.Major) return kb.Major.CompareTo(ka.Major);
        return kb.Minor.CompareTo(ka.Minor);
    }

    // Kind: 0 GA, 1 beta, 2 alpha, 3 not a Kubernetes version.
    private static (int Kind, int Major, int Minor) Key(string v)
    {
        if (v.Length < 2 || v[0] != 'v' || !char.IsAsciiDigit(v[1])) return (3, 0, 0);
        var i = 1;
        while (i < v.Length && char.IsAsciiDigit(v[i])) i++;
        var major = int.Parse(v.AsSpan(1, i - 1), System.Globalization.CultureInfo.InvariantCulture);
        if (i == v.Length) return (0, major, 0);
        var rest = v[i..];
        var (kind, suffix) = rest.StartsWith("beta", StringComparison.Ordinal) ? (1, rest[4..])
            : rest.StartsWith("alpha", StringComparison.Ordinal) ? (2, rest[5..]) : (3, "");
        if (kind == 3 || suffix.Length == 0 || !suffix.All(char.IsAsciiDigit)) return (3, 0, 0);
        return (kind, major, int.Parse(suffix, System.Globalization.CultureInfo.InvariantCulture));
    }
}
