using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>
/// The clusterrole-aggregation controller: a ClusterRole with an aggregationRule gets the union of the rules of every
/// other ClusterRole matching its clusterRoleSelectors (selectors in order, roles by name, duplicates dropped).
/// </summary>
internal sealed class ClusterRoleAggregation(EmulatorContext context) : ReconcilingController(context)
{
    private ResourceType ClusterRoles => Context.Type(AuthModule.RbacGroup, "clusterroles");

    protected override IEnumerable<ResourceType> Watched => [ClusterRoles];

    // Any ClusterRole change may change what an aggregated role selects, so every aggregated role is re-evaluated.
    protected override IEnumerable<string> KeysFor(StoredEvent change) =>
        Context.Store.List(ClusterRoles, null).Items
            .Where(o => o.ToJson()["aggregationRule"] is JsonObject)
            .Select(o => o.Key);

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (_, name) = Split(key);
        Reconcile(Context, name);
        return Task.CompletedTask;
    }

    /// <summary>Aggregates every aggregated role until nothing changes (roles may aggregate aggregated roles).</summary>
    public static void AggregateAll(EmulatorContext context)
    {
        var rt = context.Type(AuthModule.RbacGroup, "clusterroles");
        for (var pass = 0; pass < 10; pass++)
        {
            var changed = false;
            foreach (var role in context.Api.List(rt).Where(r => r["aggregationRule"] is JsonObject))
                changed |= Reconcile(context, role.Name());
            if (!changed) return;
        }
    }

    /// <summary>Recomputes one role's rules; true when it was updated.</summary>
    public static bool Reconcile(EmulatorContext context, string name)
    {
        var rt = context.Type(AuthModule.RbacGroup, "clusterroles");
        var role = context.Api.TryGet(rt, "", name);
        if (role?["aggregationRule"] is not JsonObject rule) return false;
        var all = context.Api.List(rt).OrderBy(r => r.Name(), StringComparer.Ordinal).ToList();
        var rules = new JsonArray();
        foreach (var selectorNode in rule.Items("clusterRoleSelectors"))
        {
            LabelSelector selector;
            try { selector = LabelSelector.FromObject(selectorNode); }
            catch (ApiException) { continue; } // an invalid selector selects nothing, it must not wedge the controller
            foreach (var other in all)
            {
                if (other.Name() == name || !selector.Matches(other.Labels())) continue;
                foreach (var r in other.Items("rules"))
                    if (!rules.Any(existing => JsonNode.DeepEquals(existing, r))) rules.Add(r.DeepClone());
            }
        }
        if (JsonNode.DeepEquals(role["rules"] ?? new JsonArray(), rules)) return false;
        role["rules"] = rules;
        context.Api.Update(rt, "", name, role, UserInfo.System);
        return true;
    }
}
