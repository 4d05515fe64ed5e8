using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>One rbac.authorization.k8s.io/v1 PolicyRule and the matching rules of the RBAC authorizer.</summary>
internal sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    public static PolicyRule FromJson(JsonObject rule) =>
        new(Strings(rule["verbs"]), Strings(rule["apiGroups"]), Strings(rule["resources"]), Strings(rule["resourceNames"]), Strings(rule["nonResourceURLs"]));

    /// <summary>True when the rule grants the request (verb, group, resource incl. subresource, name; or non-resource URL).</summary>
    public bool Allows(AuthorizationAttributes a)
    {
        if (!Contains(Verbs, a.Verb)) return false;
        if (!a.IsResourceRequest) return NonResourceUrlMatches(a.Path);
        if (!Contains(ApiGroups, a.Group)) return false;
        var combined = a.Subresource.Length > 0 ? $"{a.Resource}/{a.Subresource}" : a.Resource;
        if (!ResourceMatches(combined, a.Subresource)) return false;
        return ResourceNames.Count == 0 || ResourceNames.Contains(a.Name, StringComparer.Ordinal);
    }

    private bool ResourceMatches(string combined, string subresource)
    {
        foreach (var r in Resources)
        {
            if (r == "*" || r == combined) return true;
            // "*/scale" grants the scale subresource of every resource, but "pods" never grants "pods/log".
            if (subresource.Length > 0 && r.Length == subresource.Length + 2 && r.StartsWith("*/", StringComparison.Ordinal)
                && r.EndsWith(subresource, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private bool NonResourceUrlMatches(string path)
    {
        foreach (var u in NonResourceUrls)
        {
            if (u == "*" || u == path) return true;
            if (u.EndsWith('*') && path.StartsWith(u[..^1], StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var v in values)
            if (v == "*" || v == value) return true;
        return false;
    }

    /// <summary>The rule as JSON, omitting empty lists like the API does.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["verbs"] = Array(Verbs) };
        if (ApiGroups.Count > 0) o["apiGroups"] = Array(ApiGroups);
        if (Resources.Count > 0) o["resources"] = Array(Resources);
        if (ResourceNames.Count > 0) o["resourceNames"] = Array(ResourceNames);
        if (NonResourceUrls.Count > 0) o["nonResourceURLs"] = Array(NonResourceUrls);
        return o;
    }

    internal static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    internal static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList() : [];
}
