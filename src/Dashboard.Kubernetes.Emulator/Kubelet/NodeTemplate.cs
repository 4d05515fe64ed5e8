using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Scheduling;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>
/// Builds Node objects that look like a kubeadm/kind node of v1.32.4 on containerd: the standard labels, capacity and
/// allocatable, the four conditions, addresses, nodeInfo, a pod CIDR and an internal IP. For scenarios and tests.
/// </summary>
internal static class NodeTemplate
{
    private static int _counter;

    /// <summary>The label and taint a control-plane node carries.</summary>
    public const string ControlPlaneRole = "node-role.kubernetes.io/control-plane";

    /// <summary>
    /// A Ready node. <paramref name="cpu"/> and <paramref name="memory"/> are quantities (<c>4</c>, <c>16Gi</c>);
    /// <paramref name="index"/> picks the pod CIDR (10.244.N.0/24) and internal IP; by default a process-wide counter.
    /// </summary>
    public static JsonObject Create(string name, string cpu = "4", string memory = "16Gi", int pods = 110,
        IReadOnlyDictionary<string, string>? labels = null, IEnumerable<(string Key, string Value, string Effect)>? taints = null, int? index = null)
    {
        var n = index ?? Interlocked.Increment(ref _counter);
        var allLabels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
        };
        if (labels is not null) foreach (var (k, v) in labels) allLabels[k] = v;
        var cidr = $"10.{244 + n / 256 % 12}.{n % 256}.0/24";
        var spec = new JsonObject
        {
            ["podCIDR"] = cidr,
            ["podCIDRs"] = new JsonArray(cidr),
            ["providerID"] = $"kind://docker/emulator/{name}",
        };
        var taintArray = new JsonArray();
        foreach (var (k, v, e) in taints ?? [])
        {
            var t = new JsonObject { ["key"] = k, ["effect"] = e };
            if (v.Length > 0) t["value"] = v;
            taintArray.Add(t);
        }
        if (taintArray.Count > 0) spec["taints"] = taintArray;

        var memoryKi = (Quantities.Value(memory) + 1023) / 1024;
        var capacity = new JsonObject
        {
            ["cpu"] = cpu,
            ["ephemeral-storage"] = "102626232Ki",
            ["hugepages-1Gi"] = "0",
            ["hugepages-2Mi"] = "0",
            ["memory"] = $"{memoryKi}Ki",
            ["pods"] = pods.ToString(CultureInfo.InvariantCulture),
        };
        var allocatable = capacity.Clone();
        // kubeadm's default eviction threshold (memory.available<100Mi) is what separates allocatable from capacity.
        allocatable["memory"] = $"{Math.Max(0, memoryKi - 102400)}Ki";
        allocatable["ephemeral-storage"] = "94580335255";
        var ip = $"172.18.{n / 250 % 256}.{n % 250 + 2}";
        var now = Json.Time(DateTimeOffset.UtcNow);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = allLabels,
                ["annotations"] = new JsonObject
                {
                    ["kubeadm.alpha.kubernetes.io/cri-socket"] = "unix:///run/containerd/containerd.sock",
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["capacity"] = capacity,
                ["allocatable"] = allocatable,
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now)),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = ip },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
                ["nodeInfo"] = new JsonObject
                {
                    ["machineID"] = Id(name, "machine"),
                    ["systemUUID"] = Guid(name),
                    ["bootID"] = Guid(name + "/boot"),
                    ["kernelVersion"] = "6.8.0-1021-azure",
                    ["osImage"] = "Debian GNU/Linux 12 (bookworm)",
                    ["containerRuntimeVersion"] = "containerd://1.7.22",
                    ["kubeletVersion"] = "v1.32.4",
                    ["kubeProxyVersion"] = "v1.32.4",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                },
            },
        };
    }

    /// <summary>A control-plane node: the role label and the NoSchedule taint kubeadm puts on it.</summary>
    public static JsonObject ControlPlane(string name, string cpu = "4", string memory = "8Gi", int? index = null) =>
        Create(name, cpu, memory, 110,
            new Dictionary<string, string> { [ControlPlaneRole] = "", ["node.kubernetes.io/exclude-from-external-load-balancers"] = "" },
            [(ControlPlaneRole, "", "NoSchedule")], index);

    /// <summary>A node condition with heartbeat and transition at <paramref name="time"/>.</summary>
    internal static JsonObject Condition(string type, string status, string reason, string message, string time) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastHeartbeatTime"] = time,
        ["lastTransitionTime"] = time,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string Id(string name, string salt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + "/" + name)))[..32];

    private static string Guid(string seed)
    {
        var h = Id(seed, "uuid");
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
    }
}
