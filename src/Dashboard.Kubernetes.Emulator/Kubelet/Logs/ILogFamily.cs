namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>What a kind of workload (by image) writes to its log.</summary>
internal interface ILogFamily
{
    /// <summary>True when the container's image belongs to this family (by repository name).</summary>
    bool Matches(string repository, LogSubject subject);

    /// <summary>Seconds between lines and the random spread within each slot.</summary>
    (double Period, double Jitter) Cadence(LogSubject subject) => (2.0, 1.0);

    /// <summary>Line <paramref name="index"/> of a run; <paramref name="hash"/> is its deterministic randomness.</summary>
    string Line(LogSubject subject, ContainerRun run, long index, ulong hash, DateTimeOffset time);

    /// <summary>The last line of a run that ended (error, OOM or a clean exit), or null.</summary>
    string? FinalLine(LogSubject subject, ContainerRun run, ContainerExit exit);
}

/// <summary>The families in match order; the JSON application log is the fallback.</summary>
internal static class LogFamilies
{
    private static readonly ILogFamily[] Known =
    [
        new NginxLogFamily(),
        new RedisLogFamily(),
        new PostgresLogFamily(),
        new MySqlLogFamily(),
        new ShellLogFamily(),
    ];

    private static readonly ILogFamily Fallback = new JsonAppLogFamily();

    public static ILogFamily For(LogSubject subject)
    {
        var repo = Repository(subject.Container.Image);
        return Known.FirstOrDefault(f => f.Matches(repo, subject)) ?? Fallback;
    }

    /// <summary><c>docker.io/library/nginx:1.27@sha256:…</c> → <c>nginx</c>.</summary>
    public static string Repository(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) image = image[..at];
        var slash = image.LastIndexOf('/');
        var last = slash >= 0 ? image[(slash + 1)..] : image;
        var colon = last.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? last[..colon] : last).ToLowerInvariant();
    }

    /// <summary>A plausible client address inside the pod network.</summary>
    public static string ClientIp(ulong hash) =>
        $"10.244.{StableRandom.Below(hash >> 8, 8)}.{2 + StableRandom.Below(hash >> 16, 250)}";
}
