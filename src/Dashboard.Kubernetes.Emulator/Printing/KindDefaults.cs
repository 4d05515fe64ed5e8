using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>
/// API defaults that kubectl's describers dereference without checking (they panic on a nil pointer otherwise):
/// EndpointSlice port protocols and PriorityClass preemption policy, set on create like the real defaulting does.
/// </summary>
internal sealed class KindDefaults : IAdmissionPlugin
{
    private static readonly Dictionary<string, Action<JsonObject>> Defaults = new(StringComparer.Ordinal)
    {
        ["endpointslices.discovery.k8s.io"] = o =>
        {
            if (o["ports"] is not JsonArray ports) return;
            foreach (var p in ports.OfType<JsonObject>()) p["protocol"] ??= "TCP";
        },
        ["priorityclasses.scheduling.k8s.io"] = o => o["preemptionPolicy"] ??= "PreemptLowerPriority",
    };

    public int Order => 20;

    public void Admit(AdmissionRequest request)
    {
        if (request.Subresource is null && Defaults.TryGetValue(request.Type.Key, out var apply)) apply(request.Object);
    }
}
