using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>nginx: the docker entrypoint's start-up lines, then access log lines with the odd error.</summary>
internal sealed class NginxLogFamily : ILogFamily
{
    private static readonly string[] Startup =
    [
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        "/docker-entrypoint.sh: Configuration complete; ready for start up",
    ];
    private static readonly string[] Notices =
    [
        "using the \"epoll\" event method",
        "nginx/1.27.3",
        "built by gcc 12.2.0 (Debian 12.2.0-14)",
        "OS: Linux 6.1.0-27-amd64",
        "start worker processes",
    ];
    private static readonly string[] Paths = ["/", "/index.html", "/api/status", "/static/app.js", "/static/style.css", "/favicon.ico", "/images/logo.png"];
    private static readonly string[] Agents =
    [
        "kube-probe/1.32",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "Go-http-client/1.1",
    ];

    public bool Matches(string repository, LogSubject subject) => repository.Contains("nginx", StringComparison.Ordinal);

    public string Line(LogSubject subject, ContainerRun run, long index, ulong hash, DateTimeOffset time)
    {
        if (index < Startup.Length) return Startup[index];
        var t = time.UtcDateTime;
        var notice = index - Startup.Length;
        if (notice < Notices.Length) return $"{ErrorTime(t)} [notice] 1#1: {Notices[notice]}";
        if (notice == Notices.Length) return $"{ErrorTime(t)} [notice] 1#1: start worker process {29 + (int)(hash % 4)}";
        var path = StableRandom.Pick(hash >> 12, Paths);
        var worker = 29 + (int)(hash % 2);
        var client = LogFamilies.ClientIp(hash >> 4);
        if (path == "/favicon.ico" && (hash & 3) == 0)
            return $"{ErrorTime(t)} [error] {worker}#{worker}: *{index} open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or directory), client: {client}, server: localhost, request: \"GET /favicon.ico HTTP/1.1\", host: \"{subject.PodIp}\"";
        var status = path == "/favicon.ico" ? 404 : StableRandom.Unit(hash >> 30) < 0.95 ? 200 : 304;
        var bytes = status == 200 ? 300 + (int)(hash >> 40) % 4000 : status == 404 ? 153 : 0;
        var agent = StableRandom.Pick(hash >> 50, Agents);
        var stamp = t.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture);
        return $"{client} - - [{stamp} +0000] \"GET {path} HTTP/1.1\" {status} {bytes} \"-\" \"{agent}\" \"-\"";
    }

    public string? FinalLine(LogSubject subject, ContainerRun run, ContainerExit exit)
    {
        var t = ErrorTime(exit.FinishedAt.UtcDateTime);
        if (exit.Reason == "OOMKilled") return $"{t} [emerg] 1#1: malloc(4096) failed (12: Cannot allocate memory)";
        if (exit.ExitCode == 0) return $"{t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down";
        return $"{t} [emerg] 1#1: host not found in upstream \"backend:8080\" in /etc/nginx/conf.d/default.conf:14";
    }

    private static string ErrorTime(DateTime t) => t.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
}
