using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings every kube-apiserver creates at start (bootstrappolicy), reduced
/// to those a user of kubectl or the dashboard meets. Rules follow the real aggregate-to-admin/edit/view roles, so
/// that admin, edit and view grant what they grant in a real cluster once aggregated.
/// </summary>
internal static class BootstrapPolicy
{
    private const string ReadVerbs = "get,list,watch";
    private const string WriteVerbs = "create,delete,deletecollection,patch,update";
    private const string AllVerbs = "create,delete,deletecollection,get,list,patch,update,watch";

    /// <summary>Creates the roles and bindings, then aggregates admin, edit and view once so they are usable at once.</summary>
    public static void Load(EmulatorContext context)
    {
        var roles = context.Type(AuthModule.RbacGroup, "clusterroles");
        var bindings = context.Type(AuthModule.RbacGroup, "clusterrolebindings");
        foreach (var role in ClusterRoles()) context.Api.Create(roles, "", role, UserInfo.System);
        foreach (var binding in ClusterRoleBindings()) context.Api.Create(bindings, "", binding, UserInfo.System);
        ClusterRoleAggregation.AggregateAll(context);
    }

    private static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin", null, null,
            Rule("*", "*", "*"),
            Url("*", "*"));
        yield return Role("admin", null, "aggregate-to-admin");
        yield return Role("edit", "aggregate-to-admin", "aggregate-to-edit");
        yield return Role("view", "aggregate-to-edit", "aggregate-to-view");
        yield return Role("system:aggregate-to-admin", "aggregate-to-admin", null,
            Rule("create", "authorization.k8s.io", "localsubjectaccessreviews"),
            Rule(AllVerbs, "rbac.authorization.k8s.io", "rolebindings,roles"));
        yield return Role("system:aggregate-to-edit", "aggregate-to-edit", null,
            Rule(ReadVerbs, "", "pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy"),
            Rule("impersonate", "", "serviceaccounts"),
            Rule(WriteVerbs, "", "pods,pods/attach,pods/exec,pods/portforward,pods/proxy"),
            Rule("create", "", "pods/eviction"),
            Rule(WriteVerbs, "", "configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy"),
            Rule("create", "", "serviceaccounts/token"),
            Rule(WriteVerbs, "apps", "daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale"),
            Rule(WriteVerbs, "autoscaling", "horizontalpodautoscalers"),
            Rule(WriteVerbs, "batch", "cronjobs,jobs"),
            Rule(WriteVerbs, "extensions", "daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale"),
            Rule(WriteVerbs, "policy", "poddisruptionbudgets"),
            Rule(WriteVerbs, "networking.k8s.io", "ingresses,networkpolicies"),
            Rule(AllVerbs, "coordination.k8s.io", "leases"));
        yield return Role("system:aggregate-to-view", "aggregate-to-view", null,
            Rule(ReadVerbs, "", "configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status"),
            Rule(ReadVerbs, "", "bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status"),
            Rule(ReadVerbs, "", "namespaces"),
            Rule(ReadVerbs, "discovery.k8s.io", "endpointslices"),
            Rule(ReadVerbs, "apps", "controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status"),
            Rule(ReadVerbs, "autoscaling", "horizontalpodautoscalers,horizontalpodautoscalers/status"),
            Rule(ReadVerbs, "batch", "cronjobs,cronjobs/status,jobs,jobs/status"),
            Rule(ReadVerbs, "extensions", "daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale"),
            Rule(ReadVerbs, "policy", "poddisruptionbudgets,poddisruptionbudgets/status"),
            Rule(ReadVerbs, "networking.k8s.io", "ingresses,ingresses/status,networkpolicies"));
        // metrics-server's reader role: the emulator serves metrics.k8s.io as if metrics-server were installed.
        var metricsReader = Role("system:aggregated-metrics-reader", "aggregate-to-view", null,
            Rule(ReadVerbs, "metrics.k8s.io", "pods,nodes"));
        var labels = (JsonObject)metricsReader["metadata"]!["labels"]!;
        labels["rbac.authorization.k8s.io/aggregate-to-edit"] = "true";
        labels["rbac.authorization.k8s.io/aggregate-to-admin"] = "true";
        labels["k8s-app"] = "metrics-server";
        labels.Remove("kubernetes.io/bootstrapping");
        ((JsonObject)metricsReader["metadata"]!).Remove("annotations");
        yield return metricsReader;
        yield return Role("system:auth-delegator", null, null,
            Rule("create", "authentication.k8s.io", "tokenreviews"),
            Rule("create", "authorization.k8s.io", "subjectaccessreviews"));
        yield return Role("system:basic-user", null, null,
            Rule("create", "authorization.k8s.io", "selfsubjectaccessreviews,selfsubjectrulesreviews"),
            Rule("create", "authentication.k8s.io", "selfsubjectreviews"));
        yield return Role("system:discovery", null, null,
            Url("get", "/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/"));
        yield return Role("system:monitoring", null, null,
            Url("get", "/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*"));
        yield return Role("system:public-info-viewer", null, null,
            Url("get", "/healthz,/livez,/readyz,/version,/version/"));
        yield return Role("system:service-account-issuer-discovery", null, null,
            Url("get", "/.well-known/openid-configuration,/openid/v1/jwks"));
    }

    private static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return Bind("cluster-admin", "Group", "system:masters");
        yield return Bind("system:basic-user", "Group", "system:authenticated");
        yield return Bind("system:discovery", "Group", "system:authenticated");
        yield return Bind("system:monitoring", "Group", "system:monitoring");
        yield return Bind("system:public-info-viewer", "Group", "system:authenticated", "system:unauthenticated");
        yield return Bind("system:service-account-issuer-discovery", "Group", "system:serviceaccounts");
    }

    private static JsonObject Meta(string name, string? aggregateTo)
    {
        var labels = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        if (aggregateTo is not null) labels["rbac.authorization.k8s.io/" + aggregateTo] = "true";
        return new JsonObject
        {
            ["name"] = name,
            ["labels"] = labels,
            ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        };
    }

    private static JsonObject Role(string name, string? aggregateTo, string? aggregateFrom, params JsonObject[] rules)
    {
        var role = new JsonObject { ["metadata"] = Meta(name, aggregateTo) };
        if (aggregateFrom is not null)
        {
            role["aggregationRule"] = new JsonObject
            {
                ["clusterRoleSelectors"] = new JsonArray(new JsonObject
                {
                    ["matchLabels"] = new JsonObject { ["rbac.authorization.k8s.io/" + aggregateFrom] = "true" },
                }),
            };
        }
        role["rules"] = new JsonArray([.. rules]);
        return role;
    }

    private static JsonObject Bind(string role, string kind, params string[] names) => new()
    {
        ["metadata"] = Meta(role, null),
        ["roleRef"] = new JsonObject { ["apiGroup"] = AuthModule.RbacGroup, ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["apiGroup"] = AuthModule.RbacGroup, ["kind"] = kind, ["name"] = n })]),
    };

    private static JsonObject Rule(string verbs, string groups, string resources) =>
        new PolicyRule(Split(verbs), groups.Split(','), Split(resources), [], []).ToJson();

    private static JsonObject Url(string verbs, string urls) => new PolicyRule(Split(verbs), [], [], [], Split(urls)).ToJson();

    private static string[] Split(string s) => s.Split(',');
}
