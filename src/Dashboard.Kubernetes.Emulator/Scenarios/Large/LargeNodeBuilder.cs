using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scenarios.Large;

/// <summary>
/// Builds a realistic Ready node (labels, capacity/allocatable, conditions, addresses, nodeInfo) for the large
/// scenario. A small local builder so this scenario does not depend on the kubelet area's node template.
/// </summary>
internal static class LargeNodeBuilder
{
    public static JsonObject Build(string name, int index, bool controlPlane, DateTimeOffset created)
    {
        var cpu = controlPlane ? 4 : index % 3 == 0 ? 16 : 8;
        var memoryKi = controlPlane ? 16_374_584L : cpu == 16 ? 65_842_024L : 32_862_312L;
        var allocatableMemoryKi = memoryKi - 1_048_576;
        var ip = $"10.0.{index / 250}.{index % 250 + 2}";
        var time = Json.Time(created);
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["topology.kubernetes.io/zone"] = "zone-" + (char)('a' + index % 3),
            ["node.kubernetes.io/instance-type"] = cpu == 16 ? "standard-16" : cpu == 8 ? "standard-8" : "standard-4",
        };
        if (controlPlane) labels["node-role.kubernetes.io/control-plane"] = "";
        JsonObject Condition(string type, string status, string reason, string message) => new()
        {
            ["type"] = type, ["status"] = status, ["lastHeartbeatTime"] = time, ["lastTransitionTime"] = time, ["reason"] = reason, ["message"] = message,
        };
        var spec = new JsonObject { ["podCIDR"] = $"10.244.{index % 256}.0/24", ["podCIDRs"] = new JsonArray($"10.244.{index % 256}.0/24") };
        if (controlPlane)
            spec["taints"] = new JsonArray(new JsonObject { ["key"] = "node-role.kubernetes.io/control-plane", ["effect"] = "NoSchedule" });
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["capacity"] = Resources(cpu.ToString(CultureInfo.InvariantCulture), memoryKi, "102626232Ki"),
                ["allocatable"] = Resources(cpu.ToString(CultureInfo.InvariantCulture), allocatableMemoryKi, "94580335255"),
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = ip },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
                ["nodeInfo"] = new JsonObject
                {
                    ["machineID"] = Guid.NewGuid().ToString("N"),
                    ["systemUUID"] = Guid.NewGuid().ToString(),
                    ["bootID"] = Guid.NewGuid().ToString(),
                    ["kernelVersion"] = "6.1.0-27-amd64",
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

    private static JsonObject Resources(string cpu, long memoryKi, string storage) => new()
    {
        ["cpu"] = cpu,
        ["ephemeral-storage"] = storage,
        ["hugepages-1Gi"] = "0",
        ["hugepages-2Mi"] = "0",
        ["memory"] = memoryKi.ToString(CultureInfo.InvariantCulture) + "Ki",
        ["pods"] = "110",
    };
}
