using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Scheduling;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>A probe as the simulation needs it: whether it fails (per the spec conventions) and its timing.</summary>
internal sealed record ProbeSpec(bool Fails, double InitialDelaySeconds, double PeriodSeconds, int FailureThreshold, string FailureMessage)
{
    public static ProbeSpec? From(JsonNode? node)
    {
        if (node is not JsonObject probe) return null;
        var fails = false;
        var message = "";
        if (probe.Str("httpGet.path") is { } path && path.StartsWith("/fail", StringComparison.Ordinal))
        {
            fails = true;
            message = "HTTP probe failed with statuscode: 500";
        }
        else if (probe.At("exec.command") is JsonArray cmd)
        {
            var text = string.Join(' ', cmd.Select(c => c?.ToString()));
            fails = text.Contains("false", StringComparison.Ordinal) || text.Contains("exit 1", StringComparison.Ordinal);
        }
        return new ProbeSpec(fails, probe.Int("initialDelaySeconds") ?? 0, Math.Max(1, probe.Int("periodSeconds") ?? 10),
            (int)Math.Max(1, probe.Int("failureThreshold") ?? 3), message);
    }
}

/// <summary>A ConfigMap or Secret a container or volume needs.</summary>
internal sealed record ConfigRef(string Kind, string Name, string? Key, bool Optional, string? Volume = null);

/// <summary>
/// What a container will do in the simulation, read from its spec by the shared conventions: <c>exit N</c> in
/// command/args, <c>EMULATOR_RUN_SECONDS</c>, <c>EMULATOR_MEMORY_USAGE</c> over the memory limit, failing probes,
/// images that cannot be pulled, and the ConfigMaps/Secrets its environment needs.
/// </summary>
internal sealed partial class ContainerSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public bool IsInit { get; init; }
    /// <summary>An ephemeral (debug) container: starts once the pod runs, never restarts.</summary>
    public bool IsEphemeral { get; init; }
    /// <summary>An init container with restartPolicy Always: starts, then keeps running beside the app containers.</summary>
    public bool IsSidecar { get; init; }
    public required string PullPolicy { get; init; }
    /// <summary>Seconds until the container exits, or null when it runs until stopped.</summary>
    public double? RunSeconds { get; init; }
    public int ExitCode { get; init; }
    public bool OomKilled { get; init; }
    public ProbeSpec? Readiness { get; init; }
    public ProbeSpec? Liveness { get; init; }
    public ProbeSpec? Startup { get; init; }
    public IReadOnlyList<ConfigRef> EnvRefs { get; init; } = [];
    public JsonArray? VolumeMounts { get; init; }

    /// <summary>The event fieldPath: <c>spec.containers{app}</c>.</summary>
    public string FieldPath => IsEphemeral ? $"spec.ephemeralContainers{{{Name}}}" : IsInit ? $"spec.initContainers{{{Name}}}" : $"spec.containers{{{Name}}}";

    /// <summary>An ephemeral container: runs until it exits by itself (<c>exit N</c>, EMULATOR_RUN_SECONDS), without probes.</summary>
    public static ContainerSpec Ephemeral(JsonObject c)
    {
        var spec = From(c, false, "Always");
        return new ContainerSpec
        {
            Name = spec.Name,
            Image = spec.Image,
            IsEphemeral = true,
            PullPolicy = spec.PullPolicy,
            RunSeconds = spec.RunSeconds,
            ExitCode = spec.ExitCode,
            OomKilled = spec.OomKilled,
            EnvRefs = spec.EnvRefs,
            VolumeMounts = spec.VolumeMounts,
        };
    }

    public static ContainerSpec From(JsonObject c, bool isInit, string podRestartPolicy)
    {
        var image = c.Str("image") ?? "";
        var env = c.Items("env").ToDictionary(e => e.Str("name") ?? "", e => e.Str("value"), StringComparer.Ordinal);
        var commandLine = string.Join(' ', new[] { "command", "args" }
            .SelectMany(f => c.At(f) is JsonArray a ? a.Select(x => x?.ToString() ?? "") : []));
        var exit = ExitPattern().Match(commandLine);
        int? exitCode = exit.Success && int.TryParse(exit.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var usage = Quantities.Parse(env.GetValueOrDefault("EMULATOR_MEMORY_USAGE"));
        var limit = Quantities.Parse(c.Str("resources.limits.memory"));
        var oom = usage is not null && limit is not null && usage > limit;
        var sidecar = isInit && c.Str("restartPolicy") == "Always";
        double? runSeconds = double.TryParse(env.GetValueOrDefault("EMULATOR_RUN_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rs) ? rs : null;
        if (sidecar && exitCode is null && !oom) runSeconds = null;
        else if (runSeconds is null)
        {
            if (exitCode is not null || oom) runSeconds = 1;
            else if (isInit) runSeconds = 1;
            else if (podRestartPolicy is "Never" or "OnFailure") runSeconds = 2;
        }
        return new ContainerSpec
        {
            Name = c.Str("name") ?? "",
            Image = image,
            IsInit = isInit,
            IsSidecar = sidecar,
            PullPolicy = c.Str("imagePullPolicy") ?? ImageNames.DefaultPullPolicy(image),
            RunSeconds = runSeconds,
            ExitCode = oom ? 137 : exitCode ?? 0,
            OomKilled = oom,
            Readiness = isInit && !sidecar ? null : ProbeSpec.From(c["readinessProbe"]),
            Liveness = isInit && !sidecar ? null : ProbeSpec.From(c["livenessProbe"]),
            Startup = isInit && !sidecar ? null : ProbeSpec.From(c["startupProbe"]),
            EnvRefs = EnvRefsOf(c),
            VolumeMounts = c["volumeMounts"] as JsonArray,
        };
    }

    private static List<ConfigRef> EnvRefsOf(JsonObject c)
    {
        var refs = new List<ConfigRef>();
        foreach (var e in c.Items("env"))
        {
            if (e.At("valueFrom.configMapKeyRef") is JsonObject cm)
                refs.Add(new ConfigRef("configmap", cm.Str("name") ?? "", cm.Str("key"), cm.Bool("optional") ?? false));
            if (e.At("valueFrom.secretKeyRef") is JsonObject s)
                refs.Add(new ConfigRef("secret", s.Str("name") ?? "", s.Str("key"), s.Bool("optional") ?? false));
        }
        foreach (var e in c.Items("envFrom"))
        {
            if (e["configMapRef"] is JsonObject cm) refs.Add(new ConfigRef("configmap", cm.Str("name") ?? "", null, cm.Bool("optional") ?? false));
            if (e["secretRef"] is JsonObject s) refs.Add(new ConfigRef("secret", s.Str("name") ?? "", null, s.Bool("optional") ?? false));
        }
        return refs;
    }

    /// <summary>The ConfigMaps and Secrets the pod's volumes mount.</summary>
    public static List<ConfigRef> VolumeRefsOf(JsonObject pod)
    {
        var refs = new List<ConfigRef>();
        foreach (var v in pod.Items("spec.volumes"))
        {
            var name = v.Str("name") ?? "";
            if (v["configMap"] is JsonObject cm) refs.Add(new ConfigRef("configmap", cm.Str("name") ?? "", null, cm.Bool("optional") ?? false, name));
            if (v["secret"] is JsonObject s) refs.Add(new ConfigRef("secret", s.Str("secretName") ?? "", null, s.Bool("optional") ?? false, name));
            foreach (var src in v.Items("projected.sources"))
            {
                if (src["configMap"] is JsonObject pcm) refs.Add(new ConfigRef("configmap", pcm.Str("name") ?? "", null, pcm.Bool("optional") ?? false, name));
                if (src["secret"] is JsonObject ps) refs.Add(new ConfigRef("secret", ps.Str("name") ?? "", null, ps.Bool("optional") ?? false, name));
            }
        }
        return refs;
    }

    [GeneratedRegex(@"\bexit\s+(\d+)")]
    private static partial Regex ExitPattern();
}
