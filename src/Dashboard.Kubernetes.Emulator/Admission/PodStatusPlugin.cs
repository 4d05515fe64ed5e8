using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The pod registry strategy's PrepareForCreate: a new pod starts Pending with its QoS class computed from the final
/// resources (after LimitRange defaults), whatever status the client sent.
/// </summary>
internal sealed class PodStatusPlugin : IAdmissionPlugin
{
    public int Order => 90;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation != AdmissionOperation.Create || request.Type.Key != PodSpecLocations.PodKey) return;
        if (request.Object["spec"] is not JsonObject spec) return;
        var status = request.Object["status"] as JsonObject ?? new JsonObject();
        status["phase"] ??= "Pending";
        status["qosClass"] = PodDefaults.QosClass(spec);
        request.Object["status"] = status;
    }
}
