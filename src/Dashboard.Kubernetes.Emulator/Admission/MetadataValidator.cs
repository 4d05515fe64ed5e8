using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>ValidateObjectMeta: the name rule of each kind, label keys and values.</summary>
internal sealed class MetadataValidator : IObjectValidator
{
    private static readonly Func<string, IEnumerable<string>> Subdomain = NameRules.Dns1123Subdomain;

    // Kinds whose names follow a rule other than the default DNS-1123 subdomain.
    private static readonly Dictionary<string, Func<string, IEnumerable<string>>> NameRuleByKey = new(StringComparer.Ordinal)
    {
        ["namespaces"] = NameRules.Dns1123Label,
        ["services"] = NameRules.Dns1035Label,
        ["roles.rbac.authorization.k8s.io"] = NameRules.PathSegment,
        ["rolebindings.rbac.authorization.k8s.io"] = NameRules.PathSegment,
        ["clusterroles.rbac.authorization.k8s.io"] = NameRules.PathSegment,
        ["clusterrolebindings.rbac.authorization.k8s.io"] = NameRules.PathSegment,
    };

    public void Validate(AdmissionRequest request, List<StatusCause> causes)
    {
        var obj = request.Object;
        if (request.Operation == AdmissionOperation.Create)
        {
            var name = obj.Name();
            var rule = NameRuleByKey.TryGetValue(request.Type.Key, out var r) ? r : Subdomain;
            foreach (var problem in rule(name)) causes.Add(FieldErrors.Invalid("metadata.name", name, problem));
        }
        foreach (var (key, value) in Json.StringMap(obj.At("metadata.labels")))
        {
            foreach (var problem in NameRules.QualifiedKey(key)) causes.Add(FieldErrors.Invalid("metadata.labels", key, problem));
            foreach (var problem in NameRules.LabelValueProblems(value)) causes.Add(FieldErrors.Invalid("metadata.labels", value, problem));
        }
    }
}
