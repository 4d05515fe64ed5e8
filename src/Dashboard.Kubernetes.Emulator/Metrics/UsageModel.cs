using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet.Logs;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Metrics;

/// <summary>CPU (cores) and memory (bytes) in use.</summary>
internal readonly record struct Usage(double Cores, double Bytes)
{
    public static Usage operator +(Usage a, Usage b) => new(a.Cores + b.Cores, a.Bytes + b.Bytes);
}

/// <summary>What the model needs from one running container, extracted once per stored pod version.</summary>
internal sealed record ContainerProfile(string Name, ulong Seed, double? CpuOverride, double? MemoryOverride,
    double? CpuRequest, double? CpuLimit, double? MemoryRequest, double? MemoryLimit);

/// <summary>A pod as the metrics pipeline sees it: running containers only, and where it runs.</summary>
internal sealed record PodProfile(string NodeName, IReadOnlyList<ContainerProfile> Containers);

/// <summary>
/// Simulated resource usage: each container uses a stable share of its requests (or of its limits, or a small default),
/// gently varying over minutes and never above its limit; <c>EMULATOR_CPU_USAGE</c> / <c>EMULATOR_MEMORY_USAGE</c> in
/// the container's env set it exactly. Node usage is the sum of its pods plus the system's own overhead.
/// Deterministic in (uid, container, time), so repeated scrapes agree and nothing is stored but a per-version profile.
/// </summary>
internal static class UsageModel
{
    private static readonly ConditionalWeakTable<StoredObject, PodProfile> Profiles = [];

    /// <summary>The profile of a stored pod (cached for as long as that version is stored), or null when it is not running.</summary>
    public static PodProfile? Profile(StoredObject pod)
    {
        if (pod.Fields.GetValueOrDefault("status.phase") != "Running") return null;
        var profile = Profiles.GetValue(pod, Build);
        return profile.Containers.Count == 0 ? null : profile;
    }

    private static PodProfile Build(StoredObject stored)
    {
        var pod = stored.ToJson();
        var running = new HashSet<string>(pod.Items("status.containerStatuses").Where(s => s.At("state.running") is JsonObject).Select(s => s.Str("name") ?? ""), StringComparer.Ordinal);
        var containers = new List<ContainerProfile>();
        foreach (var c in pod.Items("spec.containers"))
        {
            var name = c.Str("name") ?? "";
            if (!running.Contains(name)) continue;
            var env = c.Items("env").ToDictionary(e => e.Str("name") ?? "", e => e.Str("value"), StringComparer.Ordinal);
            containers.Add(new ContainerProfile(name, StableRandom.Hash(stored.Uid + "/" + name),
                ResourceQuantity.Parse(env.GetValueOrDefault("EMULATOR_CPU_USAGE")),
                ResourceQuantity.Parse(env.GetValueOrDefault("EMULATOR_MEMORY_USAGE")),
                ResourceQuantity.Parse(c.Str("resources.requests.cpu")),
                ResourceQuantity.Parse(c.Str("resources.limits.cpu")),
                ResourceQuantity.Parse(c.Str("resources.requests.memory")),
                ResourceQuantity.Parse(c.Str("resources.limits.memory"))));
        }
        return new PodProfile(pod.Str("spec.nodeName") ?? "", containers);
    }

    public static Usage Container(ContainerProfile c, DateTimeOffset at)
    {
        var t = at.ToUnixTimeMilliseconds() / 1000.0;
        var u1 = StableRandom.Unit(c.Seed);
        var u2 = StableRandom.Unit(c.Seed >> 7 ^ 0x5bd1e995);
        var phase = u1 * Math.Tau;
        var noise = StableRandom.Unit(StableRandom.Hash(c.Seed, (long)(t / 15))) - 0.5;

        double cores;
        if (c.CpuOverride is { } cpu) cores = cpu * (1 + 0.03 * noise);
        else
        {
            var baseline = c.CpuRequest ?? (c.CpuLimit is { } l ? l * 0.3 : 0.004 + 0.02 * u2);
            cores = baseline * (0.15 + 0.55 * u2) * (1 + 0.25 * Math.Sin(Math.Tau * t / 300 + phase) + 0.1 * noise);
            if (c.CpuLimit is { } limit) cores = Math.Min(cores, limit * 0.98);
        }

        double bytes;
        if (c.MemoryOverride is { } mem) bytes = mem;
        else
        {
            var baseline = c.MemoryRequest ?? (c.MemoryLimit is { } l ? l * 0.5 : (12 + 60 * u1) * 1024 * 1024);
            bytes = baseline * (0.45 + 0.4 * u2) * (1 + 0.04 * Math.Sin(Math.Tau * t / 900 + phase));
            if (c.MemoryLimit is { } limit) bytes = Math.Min(bytes, limit * 0.95);
        }
        return new Usage(Math.Max(cores, 0.0001), bytes);
    }

    /// <summary>What the node's own daemons (kubelet, containerd, journald...) use on top of its pods.</summary>
    public static Usage NodeOverhead(string nodeName, DateTimeOffset at)
    {
        var seed = StableRandom.Hash("node/" + nodeName);
        var t = at.ToUnixTimeMilliseconds() / 1000.0;
        var u = StableRandom.Unit(seed);
        var wave = Math.Sin(Math.Tau * t / 240 + u * Math.Tau);
        return new Usage((0.06 + 0.08 * u) * (1 + 0.2 * wave), (650 + 350 * u) * 1024 * 1024 * (1 + 0.02 * wave));
    }
}
