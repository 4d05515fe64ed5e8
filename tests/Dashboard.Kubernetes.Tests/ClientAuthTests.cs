using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Tests;

/// <summary>Reviews and tokens, as the admin and as a namespace-restricted user.</summary>
public sealed class ClientAuthTests(EmulatorClientFixture fx) : IClassFixture<EmulatorClientFixture>
{
    private async Task<KubeApiClient> RestrictedUser(string name, string ns)
    {
        var token = fx.Emulator.Context.Users.Add(name);
        try { await fx.Admin.CreateAsync(Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }); }
        catch (KubeApiException e) when (e.IsAlreadyExists) { }
        await fx.Admin.CreateAsync(RoleBinding.Resource, ns, JsonNode.Parse($$"""
            {"metadata":{"name":"{{name}}-view"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
             "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"{{name}}"}]}
            """)!.AsObject());
        return fx.ClientFor(token);
    }

    [Fact]
    public async Task A_viewer_of_one_namespace_can_read_there_and_is_forbidden_elsewhere_with_the_real_message()
    {
        using var jane = await RestrictedUser("jane", "team");
        Assert.Empty((await jane.ListAsync(Pod.Resource, "team")).Items);

        var other = await Assert.ThrowsAsync<KubeApiException>(() => jane.ListAsync(Pod.Resource, "default"));
        Assert.True(other.IsForbidden);
        Assert.Equal("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", other.Message);

        var write = await Assert.ThrowsAsync<KubeApiException>(() => jane.CreateAsync(ConfigMap.Resource, "team",
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } }));
        Assert.True(write.IsForbidden);

        var me = await jane.WhoAmIAsync();
        Assert.Equal("jane", me.Username);
        Assert.Contains("system:authenticated", me.Groups);

        Assert.True((await jane.CanIAsync(new ResourceAttributes("list", "", "pods", "team"))).Allowed);
        var no = await jane.CanIAsync(new ResourceAttributes("delete", "apps", "deployments", "team", "web"));
        Assert.False(no.Allowed);

        var rules = await jane.RulesReviewAsync("team");
        Assert.Contains((rules["resourceRules"] as JsonArray)!, r => r!["resources"]!.AsArray().Any(x => (string?)x == "pods")
            && r["verbs"]!.AsArray().Any(v => (string?)v == "list"));
    }

    [Fact]
    public async Task A_requested_service_account_token_works_until_the_account_is_deleted()
    {
        await fx.Admin.CreateAsync(ServiceAccount.Resource, "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "robot" } });
        var (token, expires) = await fx.Admin.CreateTokenAsync("default", "robot", TimeSpan.FromMinutes(15));
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));

        using var robot = fx.ClientFor(token);
        var me = await robot.WhoAmIAsync();
        Assert.Equal("system:serviceaccount:default:robot", me.Username);
        Assert.Contains("system:serviceaccounts:default", me.Groups);

        await fx.Admin.DeleteAsync(ServiceAccount.Resource, "default", "robot");
        var e = await Assert.ThrowsAsync<KubeApiException>(() => robot.WhoAmIAsync());
        Assert.True(e.IsUnauthorized);
    }
}
