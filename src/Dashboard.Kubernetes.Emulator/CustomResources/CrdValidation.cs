using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.CustomResources;

/// <summary>
/// The API server's strategy for CustomResourceDefinitions: the cleanup finalizer on create and the validation
/// kubectl users hit most (name = plural.group, scope, versions with exactly one storage version, kind and plural).
/// </summary>
internal sealed class CrdValidation : IAdmissionPlugin
{
    public const string Key = "customresourcedefinitions.apiextensions.k8s.io";
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public int Order => 550;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != Key || request.Subresource is not null) return;
        var crd = request.Object;
        var causes = new List<StatusCause>();
        var group = crd.Str("spec.group") ?? "";
        var plural = crd.Str("spec.names.plural") ?? "";
        if (group.Length == 0) causes.Add(new("FieldValueRequired", "Required value", "spec.group"));
        else if (!group.Contains('.', StringComparison.Ordinal))
            causes.Add(new("FieldValueInvalid", $"Invalid value: \"{group}\": should be a domain with at least one dot", "spec.group"));
        if (plural.Length == 0) causes.Add(new("FieldValueRequired", "Required value", "spec.names.plural"));
        if (string.IsNullOrEmpty(crd.Str("spec.names.kind"))) causes.Add(new("FieldValueRequired", "Required value", "spec.names.kind"));
        if (crd.Name() != $"{plural}.{group}")
            causes.Add(new("FieldValueInvalid", $"Invalid value: \"{crd.Name()}\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        var scope = crd.Str("spec.scope");
        if (scope is not ("Namespaced" or "Cluster"))
            causes.Add(new("FieldValueNotSupported", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        var versions = crd.Items("spec.versions").ToList();
        if (versions.Count == 0) causes.Add(new("FieldValueInvalid", "Invalid value: []apiextensions.CustomResourceDefinitionVersion(nil): must have exactly one version marked as storage version", "spec.versions"));
        else if (versions.Count(v => v.Bool("storage") == true) != 1)
            causes.Add(new("FieldValueInvalid", "Invalid value: must have exactly one version marked as storage version", "spec.versions"));
        if (causes.Count > 0) throw ApiException.Invalid(request.Type, crd.Name(), causes);

        if (request.Operation == AdmissionOperation.Create)
        {
            var finalizers = crd.Meta()["finalizers"] as JsonArray ?? [];
            if (!finalizers.Any(f => f?.GetValue<string>() == CleanupFinalizer)) finalizers.Add(CleanupFinalizer);
            crd.Meta()["finalizers"] = finalizers;
        }
    }
}
