using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>
/// API defaults that kubectl's describers dereference without checking (they panic on a nil pointer otherwise):
/// EndpointSlice port protocols and PriorityClass preemption policy, set like the real defaulting does; and Secret
/// stringData, which the server folds into data; and the Pending phase of a new pod.
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

    // Set on create only: a new pod is Pending until the kubelet reports otherwise.
    private static readonly Dictionary<string, Action<JsonObject>> CreateDefaults = new(StringComparer.Ordinal)
    {
        ["pods"] = o => ((o["status"] as JsonObject) ?? (JsonObject)(o["status"] = new JsonObject()))["phase"] ??= "Pending",
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
        if (request.Subresource is not null) return;
        if (Defaults.TryGetValue(request.Type.Key, out var apply)) apply(request.Object);
        if (request.Operation == AdmissionOperation.Create && CreateDefaults.TryGetValue(request.Type.Key, out var onCreate)) onCreate(request.Object);
    }
}
