using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Auth.Rbac;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Tests;

public sealed class RbacRuleTests
{
    private static readonly UserInfo Jane = new("jane", "", ["system:authenticated"]);

    private static PolicyRule Rule(string json) => PolicyRule.FromJson((JsonObject)JsonNode.Parse(json)!);

    private static AuthorizationAttributes Res(string verb, string group, string resource, string sub = "", string ns = "default", string name = "") =>
        new(Jane, verb, true, group, resource, sub, ns, name, "");

    private static AuthorizationAttributes Url(string verb, string path) => new(Jane, verb, false, "", "", "", "", "", path);

    [Fact]
    public void Resource_rules_match_verb_group_resource_and_subresource_like_rbac()
    {
        var pods = Rule("""{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"]}""");
        Assert.True(pods.Allows(Res("list", "", "pods")));
        Assert.False(pods.Allows(Res("delete", "", "pods")));
        Assert.False(pods.Allows(Res("list", "apps", "pods")));
        Assert.False(pods.Allows(Res("get", "", "pods", "log")), "pods does not grant pods/log");

        var log = Rule("""{"verbs":["get"],"apiGroups":[""],"resources":["pods/log"]}""");
        Assert.True(log.Allows(Res("get", "", "pods", "log")));
        Assert.False(log.Allows(Res("get", "", "pods")));

        var anyScale = Rule("""{"verbs":["*"],"apiGroups":["*"],"resources":["*/scale"]}""");
        Assert.True(anyScale.Allows(Res("patch", "apps", "deployments", "scale")));
        Assert.False(anyScale.Allows(Res("patch", "apps", "deployments")));
        Assert.False(anyScale.Allows(Res("patch", "apps", "deployments", "status")));

        var everything = Rule("""{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}""");
        Assert.True(everything.Allows(Res("get", "", "pods", "log")));
        Assert.False(everything.Allows(Url("get", "/healthz")), "resource rules never grant URLs");
    }

    [Fact]
    public void Resource_names_restrict_named_requests_only()
    {
        var rule = Rule("""{"verbs":["get","list","update"],"apiGroups":[""],"resources":["configmaps"],"resourceNames":["app"]}""");
        Assert.True(rule.Allows(Res("get", "", "configmaps", name: "app")));
        Assert.False(rule.Allows(Res("get", "", "configmaps", name: "other")));
        Assert.False(rule.Allows(Res("list", "", "configmaps")), "a list has no name, so a named rule cannot grant it");
    }

    [Fact]
    public void Non_resource_urls_match_exactly_or_by_star_suffix()
    {
        var rule = Rule("""{"verbs":["get"],"nonResourceURLs":["/healthz","/apis/*"]}""");
        Assert.True(rule.Allows(Url("get", "/healthz")));
        Assert.False(rule.Allows(Url("get", "/healthz/etcd")));
        Assert.True(rule.Allows(Url("get", "/apis/apps/v1")));
        Assert.False(rule.Allows(Url("get", "/apis")));
        Assert.False(rule.Allows(Url("post", "/healthz")));
        Assert.False(rule.Allows(Res("get", "", "pods")), "URL rules never grant resources");
    }

    [Fact]
    public void Forbidden_messages_have_the_real_shape()
    {
        RequestInfo Parse(string method, string path) => RequestInfo.Parse(method, path, null, null, new ResourceCatalog());
        Assert.Equal("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"",
            ApiDispatcher.ForbiddenMessage(Jane, Parse("GET", "/api/v1/namespaces/default/pods"), ""));
        Assert.Equal("nodes \"n1\" is forbidden: User \"jane\" cannot get resource \"nodes\" in API group \"\" at the cluster scope",
            ApiDispatcher.ForbiddenMessage(Jane, Parse("GET", "/api/v1/nodes/n1"), ""));
        Assert.Equal("namespaces \"dev\" is forbidden: User \"jane\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"dev\"",
            ApiDispatcher.ForbiddenMessage(Jane, Parse("GET", "/api/v1/namespaces/dev"), ""));
        Assert.Equal("deployments.apps \"web\" is forbidden: User \"jane\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"default\"",
            ApiDispatcher.ForbiddenMessage(Jane, Parse("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale"), ""));
        Assert.Equal("forbidden: User \"jane\" cannot get path \"/metrics\"",
            ApiDispatcher.ForbiddenMessage(Jane, Parse("GET", "/metrics"), ""));
    }
}
