using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>
/// RBAC's privilege-escalation prevention: a Role or ClusterRole may only grant what its author already holds (or the
/// author needs verb <c>escalate</c>), and a binding may only reference a role whose rules its author holds (or verb
/// <c>bind</c> on that role). Aggregation rules need cluster-admin-like rights. Masters and controllers are exempt.
/// </summary>
internal sealed class EscalationCheck(EmulatorContext context, RbacAuthorizer authorizer) : IAdmissionPlugin
{
    public int Order => 600;

    public void Admit(AdmissionRequest request)
    {
        var rt = request.Type;
        if (rt.Group != AuthModule.RbacGroup || request.User.IsMaster) return;
        var obj = request.Object;
        var ns = rt.Namespaced ? obj.Namespace() : "";
        switch (rt.Plural)
        {
            case "roles" or "clusterroles":
                if (request.OldObject is { } old && JsonNode.DeepEquals(old["rules"], obj["rules"])
                    && JsonNode.DeepEquals(old["aggregationRule"], obj["aggregationRule"])) return;
                // Authorized like the request itself: a create names no object, so a name-restricted escalate does not apply.
                var requestName = request.Operation == AdmissionOperation.Create ? "" : obj.Name();
                if (Allowed(request.User, "escalate", rt.Plural, ns, requestName)) return;
                if (obj["aggregationRule"] is JsonObject && rt.Plural == "clusterroles")
                    throw Forbidden(rt, obj.Name(), "must have cluster-admin privileges to use the aggregationRule");
                ConfirmNoEscalation(request.User, ns, obj.Items("rules").Select(PolicyRule.FromJson).ToList(), rt, obj.Name());
                break;
            case "rolebindings" or "clusterrolebindings":
                if (request.OldObject is { } previous && JsonNode.DeepEquals(previous["roleRef"], obj["roleRef"])
                    && JsonNode.DeepEquals(previous["subjects"], obj["subjects"])) return;
                var roleKind = obj.Str("roleRef.kind") ?? "";
                var roleName = obj.Str("roleRef.name") ?? "";
                var roleResource = roleKind == "ClusterRole" ? "clusterroles" : "roles";
                if (Allowed(request.User, "bind", roleResource, ns, roleName)) return;
                var binding = new Binding(0, !rt.Namespaced, obj.Name(), ns, roleKind, roleName, []);
                var (rules, error) = authorizer.Snapshot.RulesOf(binding);
                // The role is read from storage to learn what the binding would grant: a missing one is a plain 404.
                if (error is not null) throw ApiException.NotFound(context.Type(AuthModule.RbacGroup, roleResource), roleName);
                ConfirmNoEscalation(request.User, ns, rules, rt, obj.Name());
                break;
        }
    }

    private bool Allowed(UserInfo user, string verb, string resource, string ns, string name) =>
        authorizer.Authorize(new AuthorizationAttributes(user, verb, true, AuthModule.RbacGroup, resource, "", ns, name, "")).Allowed;

    private void ConfirmNoEscalation(UserInfo user, string ns, IReadOnlyList<PolicyRule> requested, ResourceType rt, string name)
    {
        var (owned, errors) = authorizer.RulesFor(user, ns);
        var missing = RuleCoverage.Missing(owned, requested);
        if (missing.Count == 0) return;
        var groups = "[" + string.Join(" ", user.Groups.Select(g => $"\"{g}\"")) + "]";
        var message = $"user \"{user.Name}\" (groups={groups}) is attempting to grant RBAC permissions not currently held:\n"
            + string.Join("\n", RuleCoverage.Compact(missing).Select(RuleCoverage.CompactString).Distinct().Order(StringComparer.Ordinal));
        if (errors.Count > 0) message += "; resolution errors: [" + string.Join(" ", errors) + "]";
        throw Forbidden(rt, name, message);
    }

    private static ApiException Forbidden(ResourceType rt, string name, string message) =>
        ApiException.Forbidden($"{rt.QualifiedName} \"{name}\" is forbidden: {message}", rt, name);
}
