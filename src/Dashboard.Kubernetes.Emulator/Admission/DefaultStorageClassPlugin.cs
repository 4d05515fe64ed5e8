using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The DefaultStorageClass admission plugin: a claim created without <c>storageClassName</c> gets the default class
/// (an explicit empty string means "no class" and is left alone); every new claim gets the pvc-protection finalizer.
/// </summary>
internal sealed class DefaultStorageClassPlugin(ObjectApi api) : IAdmissionPlugin
{
    public const string ClaimsKey = "persistentvolumeclaims";
    public const string ProtectionFinalizer = "kubernetes.io/pvc-protection";
    public const string DefaultAnnotation = "storageclass.kubernetes.io/is-default-class";
    private const string BetaDefaultAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    public int Order => 30;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != ClaimsKey || request.Operation != AdmissionOperation.Create) return;
        // The pvc-protection finalizer keeps a claim that a pod still uses from disappearing under it.
        var finalizers = request.Object.Meta()["finalizers"] as JsonArray ?? [];
        if (!finalizers.Any(f => f?.GetValue<string>() == ProtectionFinalizer)) finalizers.Add(ProtectionFinalizer);
        request.Object.Meta()["finalizers"] = finalizers;
        var spec = request.Object.Obj("spec");
        spec["volumeMode"] ??= "Filesystem";
        if (spec["storageClassName"] is not null) return;
        if (DefaultClass(api) is { } name) spec["storageClassName"] = name;
    }

    /// <summary>The newest class marked default, or null.</summary>
    public static string? DefaultClass(ObjectApi api)
    {
        var classes = api.Catalog.FindPreferred("storage.k8s.io", "storageclasses");
        if (classes is null) return null;
        return api.List(classes)
            .Where(c => Json.StringMap(c.At("metadata.annotations")) is var a
                && (a.GetValueOrDefault(DefaultAnnotation) == "true" || a.GetValueOrDefault(BetaDefaultAnnotation) == "true"))
            .OrderByDescending(c => c.Str("metadata.creationTimestamp"), StringComparer.Ordinal)
            .Select(c => c.Name()).FirstOrDefault();
    }
}
