namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>
/// Deterministic pseudo-randomness from strings and indices (FNV-1a then splitmix64), so that generated logs,
/// metrics and scenario objects are the same on every request without storing them.
/// </summary>
internal static class StableRandom
{
    public static ulong Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return Mix(h);
    }

    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Hash(ulong seed, long index) => Mix(seed ^ Mix((ulong)index));

    /// <summary>A value in [0, 1).</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    /// <summary>A value in [0, n).</summary>
    public static int Below(ulong h, int n) => (int)(h % (ulong)n);

    public static T Pick<T>(ulong h, IReadOnlyList<T> items) => items[Below(h, items.Count)];
}
