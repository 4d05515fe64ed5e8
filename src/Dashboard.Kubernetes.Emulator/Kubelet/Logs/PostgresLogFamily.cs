using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>PostgreSQL: start-up, then checkpoints and connections.</summary>
internal sealed class PostgresLogFamily : ILogFamily
{
    public bool Matches(string repository, LogSubject subject) => repository.Contains("postgres", StringComparison.Ordinal);

    public string Line(LogSubject subject, ContainerRun run, long index, ulong hash, DateTimeOffset time)
    {
        var t = Stamp(time);
        switch (index)
        {
            case 0: return "";
            case 1: return "PostgreSQL Database directory appears to contain a database; Skipping initialization";
            case 2: return "";
            case 3: return $"{t} [1] LOG:  starting PostgreSQL 16.6 (Debian 16.6-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit";
            case 4: return $"{t} [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432";
            case 5: return $"{t} [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"";
            case 6: return $"{t} [29] LOG:  database system was shut down at {Stamp(run.StartedAt.AddMinutes(-3))}";
            case 7: return $"{t} [1] LOG:  database system is ready to accept connections";
        }
        var pid = 40 + (int)(hash % 5000);
        return StableRandom.Below(hash >> 7, 10) switch
        {
            0 => $"{t} [27] LOG:  checkpoint starting: time",
            1 => $"{t} [27] LOG:  checkpoint complete: wrote {hash % 90 + 1} buffers (0.{hash % 9}%); 0 WAL file(s) added, 0 removed, 0 recycled; write={(hash % 5000) / 1000.0:0.000} s, sync=0.004 s, total={(hash % 5000) / 1000.0 + 0.01:0.000} s",
            2 => $"{t} [{pid}] ERROR:  duplicate key value violates unique constraint \"users_email_key\"",
            3 => $"{t} [{pid}] FATAL:  password authentication failed for user \"app\"",
            _ => $"{t} [{pid}] LOG:  connection received: host={LogFamilies.ClientIp(hash)} port={30000 + (int)(hash >> 20) % 30000}",
        };
    }

    public string? FinalLine(LogSubject subject, ContainerRun run, ContainerExit exit)
    {
        var t = Stamp(exit.FinishedAt);
        if (exit.Reason == "OOMKilled") return $"{t} [1] LOG:  server process (PID 61) was terminated by signal 9: Killed";
        if (exit.ExitCode == 0) return $"{t} [1] LOG:  database system is shut down";
        return $"{t} [1] FATAL:  could not open file \"global/pg_filenode.map\": Permission denied";
    }

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";
}
