using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>Node objects shaped like those of a kubeadm/kind cluster running kubelet v1.32.4 on containerd.</summary>
internal static class DemoNodes
{
    public sealed record Spec(string Name, string InternalIp, string PodCidr, int Cpu, long MemoryKi, bool ControlPlane);

    public static JsonObject Build(Spec s, string now)
    {
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = s.Name,
            ["kubernetes.io/os"] = "linux",
        };
        if (s.ControlPlane)
        {
            labels["node-role.kubernetes.io/control-plane"] = "";
            labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
        }
        var spec = new JsonObject
        {
            ["podCIDR"] = s.PodCidr,
            ["podCIDRs"] = new JsonArray(s.PodCidr),
            ["providerID"] = $"kind://docker/demo/{s.Name}",
        };
        if (s.ControlPlane)
            spec["taints"] = new JsonArray(new JsonObject { ["key"] = "node-role.kubernetes.io/control-plane", ["effect"] = "NoSchedule" });
        var capacity = Resources(s.Cpu, s.MemoryKi);
        var allocatable = Resources(s.Cpu, s.MemoryKi);
        var id = Guid.NewGuid().ToString("N");
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = s.Name,
                ["labels"] = labels,
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
                    Condition(now, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    Condition(now, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    Condition(now, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    Condition(now, "Ready", "True", "KubeletReady", "kubelet is posting ready status")),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = s.InternalIp },
                    new JsonObject { ["type"] = "Hostname", ["address"] = s.Name }),
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
                ["nodeInfo"] = new JsonObject
                {
                    ["machineID"] = id,
                    ["systemUUID"] = Guid.NewGuid().ToString(),
                    ["bootID"] = Guid.NewGuid().ToString(),
                    ["kernelVersion"] = "6.8.0-48-generic",
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

    private static JsonObject Resources(int cpu, long memoryKi) => new()
    {
        ["cpu"] = cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ephemeral-storage"] = "102625208Ki",
        ["hugepages-1Gi"] = "0",
        ["hugepages-2Mi"] = "0",
        ["memory"] = $"{memoryKi}Ki",
        ["pods"] = "110",
    };

    private static JsonObject Condition(string now, string type, string status, string reason, string message)
    {
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastHeartbeatTime"] = now,
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
