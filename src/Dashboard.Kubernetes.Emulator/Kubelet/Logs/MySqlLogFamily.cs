using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>MySQL and MariaDB: server start, then notes and warnings about connections.</summary>
internal sealed class MySqlLogFamily : ILogFamily
{
    public bool Matches(string repository, LogSubject subject) =>
        repository.Contains("mysql", StringComparison.Ordinal) || repository.Contains("mariadb", StringComparison.Ordinal);

    public (double Period, double Jitter) Cadence(LogSubject subject) => (3.0, 2.0);

    public string Line(LogSubject subject, ContainerRun run, long index, ulong hash, DateTimeOffset time)
    {
        var t = Stamp(time);
        switch (index)
        {
            case 0: return $"{t} 0 [System] [MY-015015] [Server] MySQL Server - start.";
            case 1: return $"{t} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.4.3) starting as process 1";
            case 2: return $"{t} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.";
            case 3: return $"{t} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.";
            case 4: return $"{t} 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.";
            case 5: return $"{t} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.";
        }
        var conn = 8 + index;
        return StableRandom.Below(hash >> 9, 3) switch
        {
            0 => $"{t} {conn} [Warning] [MY-013360] [Server] Plugin mysql_native_password reported: ''mysql_native_password' is deprecated and will be removed in a future release. Please use caching_sha2_password instead'",
            1 => $"{t} {conn} [Note] [MY-010914] [Server] Aborted connection {conn} to db: 'app' user: 'app' host: '{LogFamilies.ClientIp(hash)}' (Got an error reading communication packets).",
            _ => $"{t} {conn} [Note] [MY-010926] [Server] Access denied for user 'root'@'{LogFamilies.ClientIp(hash)}' (using password: YES)",
        };
    }

    public string? FinalLine(LogSubject subject, ContainerRun run, ContainerExit exit)
    {
        var t = Stamp(exit.FinishedAt);
        if (exit.Reason == "OOMKilled") return $"{t} 0 [ERROR] [MY-012681] [InnoDB] mmap(137428992 bytes) failed; errno 12";
        if (exit.ExitCode == 0) return $"{t} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld 8.4.3)  MySQL Community Server - GPL.";
        return $"{t} 0 [ERROR] [MY-010119] [Server] Aborting";
    }

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
