using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>A generic service writing structured JSON logs with levels (the fallback family).</summary>
internal sealed class JsonAppLogFamily : ILogFamily
{
    private static readonly string[] Paths = ["/api/orders", "/api/users", "/api/cart", "/api/items", "/healthz", "/metrics", "/api/search", "/api/login"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
    private static readonly string[] Warnings =
    [
        "slow request",
        "retrying upstream call",
        "cache miss rate above threshold",
        "connection pool nearly exhausted",
    ];
    private static readonly string[] Errors =
    [
        "upstream request failed: context deadline exceeded",
        "database query failed: connection reset by peer",
        "failed to publish event: broker unavailable",
    ];

    public bool Matches(string repository, LogSubject subject) => true;

    public string Line(LogSubject subject, ContainerRun run, long index, ulong hash, DateTimeOffset time)
    {
        var ts = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var name = subject.Container.Name;
        switch (index)
        {
            case 0: return $"{{\"ts\":\"{ts}\",\"level\":\"info\",\"msg\":\"starting {name}\",\"version\":\"1.{hash % 9}.{(hash >> 8) % 20}\",\"pid\":1}}";
            case 1: return $"{{\"ts\":\"{ts}\",\"level\":\"info\",\"msg\":\"configuration loaded\",\"source\":\"/etc/{name}/config.yaml\"}}";
            case 2: return $"{{\"ts\":\"{ts}\",\"level\":\"info\",\"msg\":\"listening\",\"addr\":\":8080\"}}";
        }
        var roll = StableRandom.Unit(hash >> 3);
        var path = StableRandom.Pick(hash >> 20, Paths);
        var method = StableRandom.Pick(hash >> 28, Methods);
        var ms = (5 + StableRandom.Unit(hash >> 5) * 120).ToString("0.0", CultureInfo.InvariantCulture);
        if (roll < 0.04)
            return $"{{\"ts\":\"{ts}\",\"level\":\"error\",\"msg\":\"{StableRandom.Pick(hash >> 36, Errors)}\",\"method\":\"{method}\",\"path\":\"{path}\",\"status\":500}}";
        if (roll < 0.13)
            return $"{{\"ts\":\"{ts}\",\"level\":\"warn\",\"msg\":\"{StableRandom.Pick(hash >> 36, Warnings)}\",\"path\":\"{path}\",\"duration_ms\":{ms}}}";
        if (roll < 0.22)
            return $"{{\"ts\":\"{ts}\",\"level\":\"debug\",\"msg\":\"cache lookup\",\"key\":\"{path.TrimStart('/').Replace('/', ':')}:{hash % 10000}\",\"hit\":{((hash & 1) == 0 ? "true" : "false")}}}";
        var status = StableRandom.Unit(hash >> 40) < 0.9 ? 200 : 404;
        return $"{{\"ts\":\"{ts}\",\"level\":\"info\",\"msg\":\"request completed\",\"method\":\"{method}\",\"path\":\"{path}\",\"status\":{status},\"duration_ms\":{ms},\"remote\":\"{LogFamilies.ClientIp(hash)}\"}}";
    }

    public string? FinalLine(LogSubject subject, ContainerRun run, ContainerExit exit)
    {
        var ts = exit.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (exit.Reason == "OOMKilled")
            return $"{{\"ts\":\"{ts}\",\"level\":\"error\",\"msg\":\"fatal error: runtime: out of memory\",\"exitCode\":137}}";
        if (exit.ExitCode == 0) return $"{{\"ts\":\"{ts}\",\"level\":\"info\",\"msg\":\"shutdown complete\",\"exitCode\":0}}";
        return $"{{\"ts\":\"{ts}\",\"level\":\"fatal\",\"msg\":\"unrecoverable error, exiting\",\"error\":\"process exited with status {exit.ExitCode}\",\"exitCode\":{exit.ExitCode}}}";
    }
}
