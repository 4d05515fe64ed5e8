using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>
/// API defaults that kubectl's describers dereference without checking (they panic on a nil pointer otherwise):
/// EndpointSlice port protocols and PriorityClass preemption policy, set like the real defaulting does; and Secret
/// stringData, which the server folds into data.
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
        ["secrets"] = MergeStringData,
    };

    // The API server folds the write-only stringData into data (base64) and never stores stringData.
    private static void MergeStringData(JsonObject secret)
    {
        secret["type"] ??= "Opaque";
        if (secret["stringData"] is not JsonObject stringData) return;
        var data = secret["data"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in stringData)
            data[k] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(v?.GetValue<string>() ?? ""));
        secret["data"] = data;
        secret.Remove("stringData");
    }

    public int Order => 20;

    public void Admit(AdmissionRequest request)
    {
        if (request.Subresource is null && Defaults.TryGetValue(request.Type.Key, out var apply)) apply(request.Object);
    }
}
