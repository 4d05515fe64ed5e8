using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// ValidatePodUpdate: a pod's spec is immutable except for container images, activeDeadlineSeconds, added
/// tolerations, terminationGracePeriodSeconds and removed scheduling gates. Applied to users' writes; the simulated
/// control plane binds and updates pods through its own sanctioned paths (binding, status).
/// </summary>
internal sealed class PodUpdateValidator : IObjectValidator
{
    public const string Message =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public void Validate(AdmissionRequest request, List<StatusCause> causes)
    {
        if (request.Type.Key != PodSpecLocations.PodKey || request.Operation != AdmissionOperation.Update) return;
        if (ReferenceEquals(request.User, UserInfo.System) || request.OldObject?["spec"] is not JsonObject oldSpec) return;
        if (request.Object["spec"] is not JsonObject newSpec) return;
        var munged = (JsonObject)oldSpec.DeepClone();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            var oldList = munged.Items(list).ToList();
            var newList = newSpec.Items(list).ToList();
            if (oldList.Count != newList.Count) continue;
            for (var i = 0; i < oldList.Count; i++)
                if (newList[i]["image"] is JsonNode image) oldList[i]["image"] = image.DeepClone();
        }
        CopyField(munged, newSpec, "activeDeadlineSeconds");
        CopyField(munged, newSpec, "terminationGracePeriodSeconds");
        var oldTolerations = oldSpec["tolerations"] as JsonArray ?? [];
        var newTolerations = newSpec["tolerations"] as JsonArray ?? [];
        if (oldTolerations.All(t => newTolerations.Any(n => JsonNode.DeepEquals(t, n)))) CopyField(munged, newSpec, "tolerations");
        var oldGates = (oldSpec["schedulingGates"] as JsonArray ?? []).Select(g => g?.ToJsonString()).ToHashSet();
        if ((newSpec["schedulingGates"] as JsonArray ?? []).All(g => oldGates.Contains(g?.ToJsonString()))) CopyField(munged, newSpec, "schedulingGates");
        if (!JsonNode.DeepEquals(munged, newSpec)) causes.Add(FieldErrors.Forbidden("spec", Message));
    }

    private static void CopyField(JsonObject target, JsonObject source, string field)
    {
        if (source[field] is JsonNode value) target[field] = value.DeepClone();
        else target.Remove(field);
    }
}
