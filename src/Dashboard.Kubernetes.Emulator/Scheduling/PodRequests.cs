using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>CPU (millicores) and memory (bytes) a pod asks for.</summary>
internal readonly record struct PodRequests(long MilliCpu, long Memory)
{
    /// <summary>
    /// The pod's effective requests as the scheduler computes them: the sum over app containers and sidecars, or the
    /// largest plain init container when that is bigger, plus spec.overhead. A limit without a request counts as the
    /// request (API defaulting does the same).
    /// </summary>
    public static PodRequests Of(JsonObject pod)
    {
        long cpu = 0, mem = 0;
        foreach (var c in pod.Items("spec.containers"))
        {
            cpu += Quantities.MilliCpu(Request(c, "cpu"));
            mem += Quantities.Value(Request(c, "memory"));
        }
        long initCpu = 0, initMem = 0;
        foreach (var c in pod.Items("spec.initContainers"))
        {
            var ccpu = Quantities.MilliCpu(Request(c, "cpu"));
            var cmem = Quantities.Value(Request(c, "memory"));
            if (c.Str("restartPolicy") == "Always")
            {
                cpu += ccpu;
                mem += cmem;
            }
            else
            {
                initCpu = Math.Max(initCpu, ccpu);
                initMem = Math.Max(initMem, cmem);
            }
        }
        cpu = Math.Max(cpu, initCpu) + Quantities.MilliCpu(pod.Str("spec.overhead.cpu"));
        mem = Math.Max(mem, initMem) + Quantities.Value(pod.Str("spec.overhead.memory"));
        return new PodRequests(cpu, mem);
    }

    private static string? Request(JsonObject container, string resource) =>
        container.Str("resources.requests." + resource) ?? container.Str("resources.limits." + resource);
}
