using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>
/// Validation of RBAC objects with the real field errors: rules need verbs and either resources with groups or
/// non-resource URLs (cluster roles only); bindings need a valid roleRef, which can never change, and valid subjects.
/// </summary>
internal sealed class RbacValidation : IAdmissionPlugin
{
    private const string Group = AuthModule.RbacGroup;

    // After the escalation check, as in the real server where the policy wrapper runs before the storage strategy.
    public int Order => 610;

    public void Admit(AdmissionRequest request)
    {
        var rt = request.Type;
        if (rt.Group != Group || request.Subresource is not null) return;
        var obj = request.Object;
        var causes = new List<StatusCause>();
        if (rt.Plural is "roles" or "clusterroles")
        {
            var i = 0;
            foreach (var rule in obj.Items("rules")) ValidateRule(PolicyRule.FromJson(rule), rt.Namespaced, $"rules[{i++}]", causes);
        }
        else if (rt.Plural is "rolebindings" or "clusterrolebindings")
        {
            ValidateRoleRef(obj, rt.Namespaced, causes);
            var i = 0;
            foreach (var subject in obj.Items("subjects")) ValidateSubject(subject, rt.Namespaced, $"subjects[{i++}]", causes);
            if (request.OldObject is { } old && !JsonNode.DeepEquals(old["roleRef"], obj["roleRef"]))
            {
                var r = obj["roleRef"];
                causes.Add(new StatusCause("FieldValueInvalid",
                    $"Invalid value: rbac.RoleRef{{APIGroup:\"{r.Str("apiGroup")}\", Kind:\"{r.Str("kind")}\", Name:\"{r.Str("name")}\"}}: cannot change roleRef", "roleRef"));
            }
        }
        if (causes.Count > 0) throw ApiException.Invalid(rt, obj.Name(), causes);
    }

    private static void ValidateRule(PolicyRule rule, bool namespaced, string path, List<StatusCause> causes)
    {
        if (rule.Verbs.Count == 0) causes.Add(Required($"{path}.verbs", "verbs must contain at least one value"));
        if (rule.NonResourceUrls.Count > 0)
        {
            var urls = "[]string{" + string.Join(", ", rule.NonResourceUrls.Select(u => $"\"{u}\"")) + "}";
            if (namespaced)
                causes.Add(Invalid($"{path}.nonResourceURLs", $"{urls}: namespaced rules cannot apply to non-resource URLs"));
            if (rule.ApiGroups.Count > 0 || rule.Resources.Count > 0 || rule.ResourceNames.Count > 0)
                causes.Add(Invalid($"{path}.nonResourceURLs", $"{urls}: rules cannot apply to both regular resources and non-resource URLs"));
            return;
        }
        if (rule.ApiGroups.Count == 0) causes.Add(Required($"{path}.apiGroups", "resource rules must supply at least one api group"));
        if (rule.Resources.Count == 0) causes.Add(Required($"{path}.resources", "resource rules must supply at least one resource"));
    }

    private static void ValidateRoleRef(JsonObject binding, bool namespaced, List<StatusCause> causes)
    {
        var apiGroup = binding.Str("roleRef.apiGroup") ?? "";
        var kind = binding.Str("roleRef.kind") ?? "";
        if (apiGroup != Group) causes.Add(NotSupported("roleRef.apiGroup", apiGroup, Group));
        if (namespaced && kind is not ("Role" or "ClusterRole")) causes.Add(NotSupported("roleRef.kind", kind, "Role", "ClusterRole"));
        if (!namespaced && kind != "ClusterRole") causes.Add(NotSupported("roleRef.kind", kind, "ClusterRole"));
        if (string.IsNullOrEmpty(binding.Str("roleRef.name"))) causes.Add(Required("roleRef.name", ""));
    }

    private static void ValidateSubject(JsonObject subject, bool namespaced, string path, List<StatusCause> causes)
    {
        var kind = subject.Str("kind") ?? "";
        var apiGroup = subject.Str("apiGroup") ?? "";
        if (string.IsNullOrEmpty(subject.Str("name"))) causes.Add(Required($"{path}.name", ""));
        switch (kind)
        {
            case "ServiceAccount":
                if (apiGroup.Length > 0) causes.Add(NotSupported($"{path}.apiGroup", apiGroup, ""));
                if (!namespaced && string.IsNullOrEmpty(subject.Str("namespace"))) causes.Add(Required($"{path}.namespace", ""));
                break;
            case "User" or "Group":
                if (apiGroup != Group) causes.Add(NotSupported($"{path}.apiGroup", apiGroup, Group));
                break;
            default:
                causes.Add(NotSupported($"{path}.kind", kind, "ServiceAccount", "User", "Group"));
                break;
        }
    }

    private static StatusCause Required(string field, string detail) =>
        new("FieldValueRequired", detail.Length > 0 ? "Required value: " + detail : "Required value", field);

    private static StatusCause Invalid(string field, string detail) => new("FieldValueInvalid", "Invalid value: " + detail, field);

    private static StatusCause NotSupported(string field, string value, params string[] supported) =>
        new("FieldValueNotSupported", $"Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}", field);
}
