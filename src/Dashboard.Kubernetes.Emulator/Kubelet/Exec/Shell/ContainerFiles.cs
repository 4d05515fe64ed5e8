using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet.Logs;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary>Lays out a container's file tree: the base image's directories, the kubelet-managed files, and the pod's volumes.</summary>
internal static class ContainerFiles
{
    public static readonly string[] Binaries =
    [
        "sh", "ash", "cat", "echo", "ls", "ps", "pwd", "hostname", "date", "uname", "sleep", "true", "false", "env", "printenv",
        "id", "whoami", "grep", "head", "tail", "wc", "sort", "mkdir", "touch", "rm", "df", "free", "nproc", "printf", "stty",
        "which", "clear", "uptime", "test", "[", "kill", "nslookup", "wget", "vi", "cp", "mv", "chmod", "ln", "tr", "cut", "sed", "awk", "find", "tar", "gzip",
    ];

    public static VirtualFileSystem Build(EmulatorContext context, JsonObject pod, PodContainer container, string repo, bool busybox)
    {
        var fs = new VirtualFileSystem();
        foreach (var d in new[] { "/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr/bin", "/usr/lib", "/usr/local/bin", "/usr/sbin", "/usr/share", "/var/cache", "/var/lib", "/var/log", "/var/run", "/var/tmp" })
            fs.Dir(d);
        foreach (var b in Binaries) fs.File("/bin/" + b, "");
        if (!busybox) fs.File("/bin/bash", "");
        foreach (var dev in new[] { "null", "zero", "random", "urandom", "tty", "stdin", "stdout", "stderr", "full" }) fs.File("/dev/" + dev, "");
        var name = pod.Name();
        var ip = pod.Str("status.podIP") ?? "10.244.0.10";
        fs.File("/etc/hostname", name + "\n");
        fs.File("/etc/hosts", $"# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{ip}\t{name}\n");
        fs.File("/etc/resolv.conf", $"search {pod.Namespace()}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
        fs.File("/etc/os-release", busybox
            ? "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\nHOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n"
            : "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n");
        var serviceUser = ServiceUser(repo);
        fs.File("/etc/passwd", "root:x:0:0:root:/root:/bin/" + (busybox ? "sh" : "bash") + "\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
            + (serviceUser is null ? "" : $"{serviceUser}:x:999:999:{serviceUser}:/var/lib/{serviceUser}:/bin/sh\n") + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        fs.File("/etc/group", "root:x:0:\ndaemon:x:1:\n" + (serviceUser is null ? "" : $"{serviceUser}:x:999:\n") + "nogroup:x:65534:\n");
        fs.File("/proc/version", "Linux version 6.1.0-27-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01)\n");
        fs.File("/proc/meminfo", "MemTotal:       16371512 kB\nMemFree:         9183420 kB\nMemAvailable:   12711344 kB\nBuffers:          231604 kB\nCached:          3270912 kB\n");
        fs.File("/proc/cpuinfo", string.Concat(Enumerable.Range(0, 4).Select(i => $"processor\t: {i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu MHz\t\t: 2199.998\n\n")));
        fs.File("/proc/1/cmdline", string.Join('\0', container.Command));
        ImageFiles(fs, repo, container.Name);
        Volumes(context, fs, pod, container);
        return fs;
    }

    private static string? ServiceUser(string repo) =>
        repo.Contains("nginx", StringComparison.Ordinal) ? "nginx"
        : repo.Contains("redis", StringComparison.Ordinal) ? "redis"
        : repo.Contains("postgres", StringComparison.Ordinal) ? "postgres"
        : repo.Contains("mysql", StringComparison.Ordinal) ? "mysql" : null;

    private static void ImageFiles(VirtualFileSystem fs, string repo, string container)
    {
        if (repo.Contains("nginx", StringComparison.Ordinal))
        {
            fs.File("/etc/nginx/nginx.conf", "user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n");
            fs.File("/etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n");
            fs.File("/etc/nginx/mime.types", "types {\n    text/html  html htm shtml;\n    text/css   css;\n}\n");
            fs.File("/usr/share/nginx/html/index.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n");
            fs.File("/usr/share/nginx/html/50x.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n");
            fs.File("/usr/sbin/nginx", "");
            fs.File("/docker-entrypoint.sh", "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n");
            fs.Dir("/docker-entrypoint.d");
            fs.File("/var/log/nginx/access.log", "");
            fs.File("/var/log/nginx/error.log", "");
        }
        else if (repo.Contains("redis", StringComparison.Ordinal))
        {
            fs.Dir("/data");
            fs.File("/usr/local/bin/redis-server", "");
            fs.File("/usr/local/bin/redis-cli", "");
            fs.File("/usr/local/bin/docker-entrypoint.sh", "#!/bin/sh\nset -e\n");
        }
        else if (repo.Contains("postgres", StringComparison.Ordinal))
        {
            fs.File("/var/lib/postgresql/data/PG_VERSION", "16\n");
            fs.File("/var/lib/postgresql/data/postgresql.conf", "listen_addresses = '*'\nmax_connections = 100\nshared_buffers = 128MB\n");
            fs.File("/usr/lib/postgresql/16/bin/postgres", "");
            fs.File("/usr/local/bin/docker-entrypoint.sh", "#!/usr/bin/env bash\nset -Eeo pipefail\n");
        }
        else if (repo.Contains("mysql", StringComparison.Ordinal) || repo.Contains("mariadb", StringComparison.Ordinal))
        {
            fs.Dir("/var/lib/mysql");
            fs.File("/etc/my.cnf", "[mysqld]\nskip-host-cache\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\n");
            fs.File("/usr/sbin/mysqld", "");
        }
        else if (repo is not ("busybox" or "alpine" or "ubuntu" or "debian"))
        {
            fs.File("/app/" + repo, "");
            fs.File("/app/config.yaml", $"server:\n  port: 8080\nlog:\n  level: info\n  format: json\nname: {container}\n");
        }
    }

    private static void Volumes(EmulatorContext context, VirtualFileSystem fs, JsonObject pod, PodContainer container)
    {
        var ns = pod.Namespace();
        var volumes = pod.Items("spec.volumes").ToDictionary(v => v.Str("name") ?? "", StringComparer.Ordinal);
        var mountedServiceAccount = false;
        foreach (var mount in container.Spec.Items("volumeMounts"))
        {
            var path = mount.Str("mountPath") ?? "";
            if (path.Length == 0 || !volumes.TryGetValue(mount.Str("name") ?? "", out var volume)) continue;
            var files = VolumeFiles(context, ns, pod, volume);
            if (path == "/var/run/secrets/kubernetes.io/serviceaccount") mountedServiceAccount = true;
            if (mount.Str("subPath") is { Length: > 0 } sub)
            {
                if (files.TryGetValue(sub, out var content)) fs.File(path, content);
                else fs.Dir(path);
                continue;
            }
            fs.Dir(path);
            foreach (var (file, content) in files) fs.File(path.TrimEnd('/') + "/" + file, content);
        }
        if (!mountedServiceAccount && pod.Bool("spec.automountServiceAccountToken") != false)
        {
            const string sa = "/var/run/secrets/kubernetes.io/serviceaccount";
            foreach (var (file, content) in ServiceAccountFiles(ns)) fs.File(sa + "/" + file, content);
        }
    }

    private static Dictionary<string, string> VolumeFiles(EmulatorContext context, string ns, JsonObject pod, JsonObject volume)
    {
        if (volume["configMap"] is JsonObject cm)
            return Project(ContainerEnvironment.ConfigData(context, ns, cm.Str("name") ?? ""), cm);
        if (volume["secret"] is JsonObject secret)
            return Project(ContainerEnvironment.SecretData(context, ns, secret.Str("secretName") ?? ""), secret);
        if (volume["projected"] is JsonObject projected)
        {
            var all = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var source in projected.Items("sources"))
            {
                if (source["configMap"] is JsonObject pcm)
                    foreach (var kv in Project(ContainerEnvironment.ConfigData(context, ns, pcm.Str("name") ?? ""), pcm)) all[kv.Key] = kv.Value;
                if (source["secret"] is JsonObject ps)
                    foreach (var kv in Project(ContainerEnvironment.SecretData(context, ns, ps.Str("name") ?? ""), ps)) all[kv.Key] = kv.Value;
                if (source["serviceAccountToken"] is JsonObject token) all[token.Str("path") ?? "token"] = FakeToken(pod);
                if (source["downwardAPI"] is JsonObject down)
                    foreach (var item in down.Items("items"))
                        all[item.Str("path") ?? "namespace"] = item.Str("fieldRef.fieldPath") == "metadata.namespace" ? ns : pod.Str(item.Str("fieldRef.fieldPath") ?? "") ?? "";
            }
            return all;
        }
        if (volume["downwardAPI"] is JsonObject downward)
            return downward.Items("items").ToDictionary(i => i.Str("path") ?? "", i => pod.Str(i.Str("fieldRef.fieldPath") ?? "") ?? "", StringComparer.Ordinal);
        if (volume["persistentVolumeClaim"] is not null) return new(StringComparer.Ordinal) { ["lost+found/.keep"] = "" };
        return new(StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Project(Dictionary<string, string> data, JsonObject source)
    {
        var items = source.Items("items").ToList();
        if (items.Count == 0) return data;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
            if (data.TryGetValue(item.Str("key") ?? "", out var v)) result[item.Str("path") ?? item.Str("key")!] = v;
        return result;
    }

    private static Dictionary<string, string> ServiceAccountFiles(string ns) => new(StringComparer.Ordinal)
    {
        ["ca.crt"] = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIemulatorCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\n-----END CERTIFICATE-----\n",
        ["namespace"] = ns,
        ["token"] = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImVtdWxhdG9yIn0.eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMifQ.c2lnbmF0dXJl",
    };

    private static string FakeToken(JsonObject pod) =>
        "eyJhbGciOiJSUzI1NiIsImtpZCI6ImVtdWxhdG9yIn0." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"sub\":\"system:serviceaccount:{pod.Namespace()}:{pod.Str("spec.serviceAccountName") ?? "default"}\"}}")).TrimEnd('=') + ".c2lnbmF0dXJl";
}
