using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Scheduling;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>The pod QoS class as pkg/apis/core/helper/qos computes it (cpu and memory only).</summary>
internal static class QosClass
{
    public static string Of(JsonObject pod)
    {
        var any = false;
        var guaranteed = true;
        foreach (var c in pod.Items("spec.initContainers").Concat(pod.Items("spec.containers")))
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = Quantities.Parse(c.Str("resources.limits." + resource));
                var request = Quantities.Parse(c.Str("resources.requests." + resource)) ?? limit;
                if (request is > 0 || limit is > 0) any = true;
                if (limit is null || request != limit) guaranteed = false;
            }
        }
        if (!any) return "BestEffort";
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
