using System.Diagnostics;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The RBAC index: changes are visible to the next check, and checks stay cheap with many bindings.</summary>
public sealed class RbacIndexTests(TokenEmulatorFixture fx) : IClassFixture<TokenEmulatorFixture>
{
    private EmulatorContext Context => fx.Emulator.Context;

    private static AuthorizationAttributes ListPods(UserInfo user, string ns) => new(user, "list", true, "", "pods", "", ns, "", "");

    private void Bind(string ns, string name, string user, string role = "view") =>
        Context.Api.Create(Context.Type("rbac.authorization.k8s.io", "rolebindings"), ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
            ["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "User", ["name"] = user }),
        }, UserInfo.System);

    [Fact]
    public void A_new_binding_applies_to_the_very_next_check_and_a_deleted_one_stops_applying()
    {
        var authorizer = Context.Authorizer!;
        var lee = new UserInfo("lee", "", ["system:authenticated"]);
        Assert.False(authorizer.Authorize(ListPods(lee, "default")).Allowed);
        Bind("default", "lee-view", "lee");
        var decision = authorizer.Authorize(ListPods(lee, "default"));
        Assert.True(decision.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"lee-view/default\" of ClusterRole \"view\" to User \"lee\"", decision.Reason);
        Assert.False(authorizer.Authorize(ListPods(lee, "kube-system")).Allowed);
        Context.Api.Delete(Context.Type("rbac.authorization.k8s.io", "rolebindings"), "default", "lee-view", UserInfo.System);
        Assert.False(authorizer.Authorize(ListPods(lee, "default")).Allowed);
    }

    [Fact]
    public void Checks_stay_fast_with_many_bindings()
    {
        var ns = Context.Type("", "namespaces");
        for (var n = 0; n < 20; n++)
            Context.Api.Create(ns, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"perf-{n}" } }, UserInfo.System);
        for (var i = 0; i < 2000; i++) Bind($"perf-{i % 20}", $"b{i}", $"user-{i}");
        var authorizer = Context.Authorizer!;
        var user = new UserInfo("user-1999", "", ["system:authenticated"]);
        Assert.True(authorizer.Authorize(ListPods(user, "perf-19")).Allowed);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20_000; i++) authorizer.Authorize(ListPods(user, "perf-" + (i % 20)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"20,000 checks took {watch.Elapsed}");
    }
}
