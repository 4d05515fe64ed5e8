using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// ResourceQuota scopes (<c>spec.scopes</c> and <c>spec.scopeSelector</c>): a scoped quota only tracks the pods that
/// match every scope, and nothing but pods.
/// </summary>
internal static class QuotaScopes
{
    private static readonly Dictionary<string, Func<JsonObject, bool>> PodScopes = new(StringComparer.Ordinal)
    {
        ["Terminating"] = pod => pod.At("spec.activeDeadlineSeconds") is not null,
        ["NotTerminating"] = pod => pod.At("spec.activeDeadlineSeconds") is null,
        ["BestEffort"] = pod => pod["spec"] is JsonObject spec && PodDefaults.QosClass(spec) == "BestEffort",
        ["NotBestEffort"] = pod => pod["spec"] is JsonObject spec && PodDefaults.QosClass(spec) != "BestEffort",
    };

    /// <summary>True when the quota has scopes at all.</summary>
    public static bool IsScoped(JsonObject quota) =>
        quota.At("spec.scopes") is JsonArray { Count: > 0 } || quota.Items("spec.scopeSelector.matchExpressions").Any();

    /// <summary>True when the quota applies to the object.</summary>
    public static bool Matches(JsonObject quota, ResourceType rt, JsonObject obj)
    {
        if (!IsScoped(quota)) return true;
        if (rt.Key != PodSpecLocations.PodKey) return false;
        foreach (var scope in (quota.At("spec.scopes") as JsonArray ?? []).Select(s => s?.GetValue<string>() ?? ""))
            if (!MatchesScope(scope, obj)) return false;
        foreach (var expression in quota.Items("spec.scopeSelector.matchExpressions"))
            if (!MatchesExpression(expression, obj)) return false;
        return true;
    }

    private static bool MatchesScope(string scope, JsonObject pod) =>
        PodScopes.TryGetValue(scope, out var matches) ? matches(pod) : scope == "PriorityClass" && pod.Str("spec.priorityClassName") is { Length: > 0 };

    private static bool MatchesExpression(JsonObject expression, JsonObject pod)
    {
        var scope = expression.Str("scopeName") ?? "";
        if (scope != "PriorityClass") return MatchesScope(scope, pod);
        var value = pod.Str("spec.priorityClassName") ?? "";
        var values = (expression.At("values") as JsonArray ?? []).Select(v => v?.GetValue<string>()).ToHashSet();
        return expression.Str("operator") switch
        {
            "In" => values.Contains(value),
            "NotIn" => !values.Contains(value),
            "Exists" => value.Length > 0,
            "DoesNotExist" => value.Length == 0,
            _ => false,
        };
    }
}
