using System.Text.Json.Nodes;
using Dashboard.Core.Access;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

public sealed class PermissionServiceTests(CacheFixture fx) : IClassFixture<CacheFixture>
{
    private async Task<string> Viewer(string user, string ns)
    {
        await fx.NewNamespace(ns);
        await fx.Admin.CreateAsync(RoleBinding.Resource, ns, JsonNode.Parse($$"""
            {"metadata":{"name":"{{user}}"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
             "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"{{user}}"}]}
            """)!.AsObject());
        return fx.Pool.SignIn("emulator", fx.Emulator.Context.Users.Add(user));
    }

    [Fact]
    public async Task Answers_come_from_access_reviews_are_cached_and_explain_a_no()
    {
        var identity = await Viewer("viewer-1", "view-1");
        var permissions = new PermissionService(fx.Pool);
        fx.Emulator.Context.Requests.Clear();

        var list = new AccessQuery("list", "", "pods", "view-1");
        Assert.True((await permissions.CanAsync("emulator", identity, list)).Allowed);
        Assert.True((await permissions.CanAsync("emulator", identity, list)).Allowed);
        Assert.Single(fx.Emulator.Context.Requests.Entries, r => r.Resource == "selfsubjectaccessreviews");

        var scale = new AccessQuery("update", "apps", "deployments", "view-1", "web", "scale");
        var no = await permissions.CanAsync("emulator", identity, scale);
        Assert.False(no.Allowed);
        Assert.StartsWith("You may not update deployments.apps/scale \"web\" in namespace \"view-1\"", no.Explanation);
        // The parts the web layer words in the reader's language.
        Assert.Equal((scale, DenialKind.NoRule, (string?)null), (no.Query, no.Denial, no.Detail));

        permissions.Forget("emulator", identity);
        Assert.Equal(0, permissions.CachedAnswers);
    }

    [Fact]
    public async Task A_user_who_cannot_list_namespaces_gets_the_candidates_they_can_read()
    {
        var identity = await Viewer("viewer-2", "view-2");
        await fx.NewNamespace("not-yours");
        var permissions = new PermissionService(fx.Pool);

        var restricted = await permissions.NamespacesAsync("emulator", identity, ["view-2", "not-yours", " view-2 ", ""]);
        Assert.False(restricted.CanListAll);
        Assert.Equal(["view-2"], restricted.Namespaces);

        var admin = await permissions.NamespacesAsync("emulator", fx.AdminIdentity, []);
        Assert.True(admin.CanListAll);
        Assert.Contains("kube-system", admin.Namespaces);
        Assert.Contains("not-yours", admin.Namespaces);
    }
}
