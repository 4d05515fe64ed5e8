using System.Text.Json.Nodes;
using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>Who sees which audit entries, decided by the API server's RBAC (SelfSubjectAccessReview on the emulator).</summary>
public sealed class AuditVisibilityTests(CacheFixture fx) : IClassFixture<CacheFixture>
{
    private static AuditEntry Entry(string user, string action, ObjectRef? target) =>
        new(DateTimeOffset.UtcNow, user, "emulator", action, target?.ToString() ?? "(yaml)", "", true, "done") { Ref = target };

    [Fact]
    public async Task A_user_sees_their_own_entries_and_those_on_objects_they_may_read()
    {
        // audit-reader may read (ClusterRole view) in audit-a only.
        await fx.NewNamespace("audit-a");
        await fx.NewNamespace("audit-b");
        await fx.Admin.CreateAsync(RoleBinding.Resource, "audit-a", JsonNode.Parse("""
            {"metadata":{"name":"audit-reader"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
             "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"audit-reader"}]}
            """)!.AsObject());
        var reader = fx.Pool.SignIn("emulator", fx.Emulator.Context.Users.Add("audit-reader"));
        var inA = Entry("admin", "scale", new ObjectRef(Deployment.Resource, "audit-a", "web"));
        var inB = Entry("admin", "restart", new ObjectRef(Deployment.Resource, "audit-b", "web"));
        var node = Entry("admin", "cordon", new ObjectRef(Node.Resource, null, "node-1"));
        var apply = Entry("admin", "apply", null);
        var own = Entry("audit-reader", "restart", new ObjectRef(Deployment.Resource, "audit-b", "api")); // refused, but theirs
        IReadOnlyList<AuditEntry> all = [own, apply, node, inB, inA];

        var permissions = new PermissionService(fx.Pool);
        // The authorizer sees a new binding shortly after it is written.
        IReadOnlyList<AuditEntry> seen = [];
        for (var i = 0; i < 50 && !seen.Contains(inA); i++, await Task.Delay(100))
        {
            permissions.Forget("emulator", reader);
            seen = await AuditVisibility.VisibleAsync(permissions, "emulator", reader, "audit-reader", all);
        }
        Assert.Equal([own, inA], seen);

        // The administrator may read everything.
        Assert.Equal(all.Where(e => e != apply), await AuditVisibility.VisibleAsync(permissions, "emulator", fx.AdminIdentity, "someone-else", all));
        Assert.Equal(all, await AuditVisibility.VisibleAsync(permissions, "emulator", fx.AdminIdentity, "admin", all));
    }

    [Fact]
    public async Task When_the_check_fails_only_the_users_own_entries_are_shown()
    {
        // A token the API server rejects: every access review answers 401.
        var rejected = fx.Pool.SignIn("emulator", "not-a-token-the-server-knows");
        var own = Entry("ghost", "scale", new ObjectRef(Deployment.Resource, "audit-a", "web"));
        var other = Entry("admin", "scale", new ObjectRef(Deployment.Resource, "audit-a", "web"));
        Assert.Equal([own], await AuditVisibility.VisibleAsync(new PermissionService(fx.Pool), "emulator", rejected, "ghost", [other, own]));
    }

    [Fact]
    public void The_question_is_get_on_the_resource_in_the_namespace()
    {
        Assert.Equal(new AccessQuery("get", "apps", "deployments", "shop"), AuditVisibility.Query(new ObjectRef(Deployment.Resource, "shop", "web")));
        Assert.Equal(new AccessQuery("get", "", "nodes"), AuditVisibility.Query(new ObjectRef(Node.Resource, "ignored", "node-1")));
    }
}
