using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet.Logs;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary>
/// What a process in the container sees: environment variables (the pod's env and envFrom resolved against ConfigMaps,
/// Secrets and the downward API, plus service links), and a plausible file tree with the pod's volumes mounted.
/// </summary>
internal sealed class ContainerEnvironment
{
    public required string PodName { get; init; }
    public required string Namespace { get; init; }
    public required string PodIp { get; init; }
    public required string NodeName { get; init; }
    public required string Image { get; init; }
    /// <summary>True for busybox / alpine images (ash prompt and messages), false for Debian-based ones (bash, dash).</summary>
    public required bool Busybox { get; init; }
    public required IReadOnlyList<string> MainCommand { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required Dictionary<string, string> Env { get; init; }
    public required VirtualFileSystem Files { get; init; }
    public required int Cpus { get; init; }
    public required long MemoryBytes { get; init; }

    public static ContainerEnvironment Build(EmulatorContext context, JsonObject pod, PodContainer container)
    {
        var image = container.Image;
        var repo = LogFamilies.Repository(image);
        var busybox = repo is "busybox" or "alpine" || image.Contains("alpine", StringComparison.Ordinal);
        var started = Json.ParseTime(container.Status?.Str("state.running.startedAt")) ?? Json.ParseTime(pod.Str("status.startTime")) ?? context.Clock.GetUtcNow();
        var env = BuildEnv(context, pod, container, repo);
        var files = ContainerFiles.Build(context, pod, container, repo, busybox);
        var command = container.Command.Count > 0 ? container.Command : DefaultCommand(repo);
        return new ContainerEnvironment
        {
            PodName = pod.Name(),
            Namespace = pod.Namespace(),
            PodIp = pod.Str("status.podIP") ?? "10.244.0.10",
            NodeName = pod.Str("spec.nodeName") ?? "",
            Image = image,
            Busybox = busybox,
            MainCommand = command,
            StartedAt = started,
            Env = env,
            Files = files,
            Cpus = 4,
            MemoryBytes = 16L * 1024 * 1024 * 1024,
        };
    }

    private static IReadOnlyList<string> DefaultCommand(string repo) => repo switch
    {
        _ when repo.Contains("nginx", StringComparison.Ordinal) => ["nginx", "-g", "daemon off;"],
        _ when repo.Contains("redis", StringComparison.Ordinal) => ["redis-server", "*:6379"],
        _ when repo.Contains("postgres", StringComparison.Ordinal) => ["postgres"],
        _ when repo.Contains("mysql", StringComparison.Ordinal) || repo.Contains("mariadb", StringComparison.Ordinal) => ["mysqld"],
        "busybox" or "alpine" => ["sh"],
        _ => ["/app/" + repo],
    };

    private static Dictionary<string, string> BuildEnv(EmulatorContext context, JsonObject pod, PodContainer container, string repo)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOSTNAME"] = pod.Name(),
        };
        if (repo.Contains("nginx", StringComparison.Ordinal))
        {
            env["NGINX_VERSION"] = "1.27.3";
            env["NJS_VERSION"] = "0.8.7";
            env["PKG_RELEASE"] = "1~bookworm";
        }
        else if (repo.Contains("redis", StringComparison.Ordinal)) env["REDIS_VERSION"] = "7.4.1";
        else if (repo.Contains("postgres", StringComparison.Ordinal))
        {
            env["PG_MAJOR"] = "16";
            env["PG_VERSION"] = "16.6-1.pgdg120+1";
            env["PGDATA"] = "/var/lib/postgresql/data";
        }
        var ns = pod.Namespace();
        foreach (var from in container.Spec.Items("envFrom"))
        {
            var prefix = from.Str("prefix") ?? "";
            if (from.Str("configMapRef.name") is { } cm)
                foreach (var (k, v) in ConfigData(context, ns, cm)) env[prefix + k] = v;
            if (from.Str("secretRef.name") is { } secret)
                foreach (var (k, v) in SecretData(context, ns, secret)) env[prefix + k] = v;
        }
        foreach (var e in container.Spec.Items("env"))
        {
            var name = e.Str("name") ?? "";
            if (name.Length == 0) continue;
            string? value = null;
            if (e.Str("value") is { } literal) value = Expand(literal, env);
            else if (e["valueFrom"] is JsonObject vf)
            {
                if (vf.Str("fieldRef.fieldPath") is { } field) value = FieldValue(pod, field);
                else if (vf["configMapKeyRef"] is JsonObject cmk)
                    value = ConfigData(context, ns, cmk.Str("name") ?? "").GetValueOrDefault(cmk.Str("key") ?? "");
                else if (vf["secretKeyRef"] is JsonObject sk)
                    value = SecretData(context, ns, sk.Str("name") ?? "").GetValueOrDefault(sk.Str("key") ?? "");
                else if (vf.Str("resourceFieldRef.resource") is { } res)
                    value = container.Spec.Str("resources." + res) ?? "0";
            }
            env[name] = value ?? "";
        }
        if (pod.Bool("spec.enableServiceLinks") != false) AddServiceLinks(context, ns, env);
        AddService(env, "kubernetes", "10.96.0.1", [(443, "TCP", "https")]);
        env["HOME"] = "/root";
        return env;
    }

    private static void AddServiceLinks(EmulatorContext context, string ns, Dictionary<string, string> env)
    {
        var services = context.Type("", "services");
        foreach (var svc in context.Api.List(services, ns).Take(50))
        {
            var ip = svc.Str("spec.clusterIP");
            if (string.IsNullOrEmpty(ip) || ip == "None") continue;
            var ports = svc.Items("spec.ports").Select(p => ((int)(p.Int("port") ?? 0), p.Str("protocol") ?? "TCP", p.Str("name") ?? "")).ToList();
            AddService(env, svc.Name(), ip, ports);
        }
    }

    private static void AddService(Dictionary<string, string> env, string name, string ip, IReadOnlyList<(int Port, string Protocol, string Name)> ports)
    {
        if (ports.Count == 0) return;
        var prefix = name.ToUpperInvariant().Replace('-', '_');
        env[prefix + "_SERVICE_HOST"] = ip;
        env[prefix + "_SERVICE_PORT"] = ports[0].Port.ToString(CultureInfo.InvariantCulture);
        foreach (var p in ports.Where(p => p.Name.Length > 0))
            env[$"{prefix}_SERVICE_PORT_{p.Name.ToUpperInvariant().Replace('-', '_')}"] = p.Port.ToString(CultureInfo.InvariantCulture);
        env[prefix + "_PORT"] = $"{ports[0].Protocol.ToLowerInvariant()}://{ip}:{ports[0].Port}";
        foreach (var p in ports)
        {
            var key = $"{prefix}_PORT_{p.Port}_{p.Protocol}";
            env[key] = $"{p.Protocol.ToLowerInvariant()}://{ip}:{p.Port}";
            env[key + "_PROTO"] = p.Protocol.ToLowerInvariant();
            env[key + "_PORT"] = p.Port.ToString(CultureInfo.InvariantCulture);
            env[key + "_ADDR"] = ip;
        }
    }

    private static string FieldValue(JsonObject pod, string field)
    {
        if (field.StartsWith("metadata.labels['", StringComparison.Ordinal) || field.StartsWith("metadata.annotations['", StringComparison.Ordinal))
        {
            var open = field.IndexOf("['", StringComparison.Ordinal);
            var key = field[(open + 2)..^2];
            var map = field.StartsWith("metadata.labels", StringComparison.Ordinal) ? "labels" : "annotations";
            return Json.StringMap(pod.At("metadata." + map)).GetValueOrDefault(key) ?? "";
        }
        return pod.Str(field) ?? "";
    }

    /// <summary>Kubernetes' <c>$(VAR)</c> expansion in env values.</summary>
    private static string Expand(string value, Dictionary<string, string> env)
    {
        if (!value.Contains("$(", StringComparison.Ordinal)) return value;
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '(' && value.IndexOf(')', i) is var close and > 0
                && env.TryGetValue(value[(i + 2)..close], out var v))
            {
                sb.Append(v);
                i = close;
            }
            else sb.Append(value[i]);
        }
        return sb.ToString();
    }

    public static Dictionary<string, string> ConfigData(EmulatorContext context, string ns, string name)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Api.TryGet(context.Type("", "configmaps"), ns, name) is { } cm)
            foreach (var (k, v) in Json.StringMap(cm["data"])) d[k] = v;
        return d;
    }

    public static Dictionary<string, string> SecretData(EmulatorContext context, string ns, string name)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Api.TryGet(context.Type("", "secrets"), ns, name) is not { } secret) return d;
        foreach (var (k, v) in Json.StringMap(secret["data"]))
        {
            try { d[k] = Encoding.UTF8.GetString(Convert.FromBase64String(v)); }
            catch (FormatException) { d[k] = v; }
        }
        foreach (var (k, v) in Json.StringMap(secret["stringData"])) d[k] = v;
        return d;
    }
}
