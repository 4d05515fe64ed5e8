using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>Redis (and Valkey): start-up banner, then background saves.</summary>
internal sealed class RedisLogFamily : ILogFamily
{
    public bool Matches(string repository, LogSubject subject) =>
        repository.Contains("redis", StringComparison.Ordinal) || repository.Contains("valkey", StringComparison.Ordinal);

    public (double Period, double Jitter) Cadence(LogSubject subject) => (3.0, 1.5);

    public string Line(LogSubject subject, ContainerRun run, long index, ulong hash, DateTimeOffset time)
    {
        var t = Stamp(time);
        switch (index)
        {
            case 0: return $"1:C {t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.";
            case 1: return $"1:C {t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo";
            case 2: return $"1:C {t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started";
            case 3: return $"1:C {t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf";
            case 4: return $"1:M {t} * monotonic clock: POSIX clock_gettime";
            case 5: return $"1:M {t} * Running mode=standalone, port=6379.";
            case 6: return $"1:M {t} * Server initialized";
            case 7: return $"1:M {t} * Ready to accept connections tcp";
        }
        var child = 20 + (int)((index - 8) / 4 % 9000);
        return ((index - 8) % 4) switch
        {
            0 => $"1:M {t} * {1 + (hash % 100)} changes in 60 seconds. Saving...",
            1 => $"1:M {t} * Background saving started by pid {child}",
            2 => $"{child}:C {t} * DB saved on disk",
            _ => $"1:M {t} * Background saving terminated with success",
        };
    }

    public string? FinalLine(LogSubject subject, ContainerRun run, ContainerExit exit)
    {
        var t = Stamp(exit.FinishedAt);
        if (exit.Reason == "OOMKilled") return $"1:M {t} # Out Of Memory allocating 16384 bytes!";
        if (exit.ExitCode == 0) return $"1:M {t} # Redis is now ready to exit, bye bye...";
        return $"1:M {t} # Can't open the append-only file appendonly.aof: Permission denied";
    }

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("dd MMM yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
