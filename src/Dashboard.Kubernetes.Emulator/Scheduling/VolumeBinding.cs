using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>
/// The VolumeBinding plugin's PreFilter: a pod whose claims are missing, being deleted, or unbound with an Immediate
/// StorageClass cannot be scheduled anywhere. Claims of WaitForFirstConsumer classes are bound after scheduling (by
/// the persistent volume controller), so they pass.
/// </summary>
internal static class VolumeBinding
{
    /// <summary>The PreFilter rejection message, or null when the pod's claims allow scheduling.</summary>
    public static string? PreFilter(EmulatorContext context, JsonObject pod)
    {
        var claims = pod.Items("spec.volumes").Select(v => v.Str("persistentVolumeClaim.claimName")).OfType<string>().ToList();
        if (claims.Count == 0) return null;
        var pvcs = context.Type("", "persistentvolumeclaims");
        var unboundImmediate = false;
        foreach (var name in claims)
        {
            var claim = context.Store.Get(pvcs, pod.Namespace(), name)?.ToJson();
            if (claim is null) return $"persistentvolumeclaim \"{name}\" not found";
            if (claim.At("metadata.deletionTimestamp") is not null) return $"persistentvolumeclaim \"{name}\" is being deleted";
            if (claim.Str("status.phase") == "Bound" || claim.Str("spec.volumeName") is { Length: > 0 }) continue;
            if (BindingMode(context, claim) != "WaitForFirstConsumer") unboundImmediate = true;
        }
        return unboundImmediate ? "pod has unbound immediate PersistentVolumeClaims" : null;
    }

    private static string BindingMode(EmulatorContext context, JsonObject claim)
    {
        var classes = context.Type("storage.k8s.io", "storageclasses");
        var className = claim.Str("spec.storageClassName");
        JsonObject? storageClass = className is { Length: > 0 }
            ? context.Store.Get(classes, "", className)?.ToJson()
            : className is null
                ? context.Api.List(classes).FirstOrDefault(c =>
                    Json.StringMap(c.At("metadata.annotations")).GetValueOrDefault("storageclass.kubernetes.io/is-default-class") == "true")
                : null;
        return storageClass?.Str("volumeBindingMode") ?? "Immediate";
    }
}
