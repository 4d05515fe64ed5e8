using System.Text.Json.Nodes;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>Revision history as kubectl rollout history reads it: pure over the recording objects, and against the emulator.</summary>
public sealed class RevisionHistoryTests(CacheFixture fx) : IClassFixture<CacheFixture>
{
    private static KubeObject Owner(string kind) => new(JsonNode.Parse("""
        {"kind":"@kind","metadata":{"name":"web","namespace":"shop","uid":"owner-uid"},
         "spec":{"selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["b","a"]}]}}}
        """.Replace("@kind", kind, StringComparison.Ordinal))!.AsObject());

    private static KubeObject ReplicaSet(string name, string? revision, string image, string ownerUid = "owner-uid") => new(JsonNode.Parse("""
        {"metadata":{"name":"@name","namespace":"shop","uid":"@name","annotations":@annotations,
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"@owner","controller":true}]},
         "spec":{"template":{"metadata":{"labels":{"app":"web","pod-template-hash":"@name"}},"spec":{"containers":[{"name":"c","image":"@image"}]}}}}
        """.Replace("@name", name, StringComparison.Ordinal).Replace("@owner", ownerUid, StringComparison.Ordinal)
        .Replace("@image", image, StringComparison.Ordinal)
        .Replace("@annotations", revision is null ? "{}" : "{\"deployment.kubernetes.io/revision\":\"" + revision + "\"}", StringComparison.Ordinal))!.AsObject());

    [Fact]
    public void A_deployments_revisions_are_its_own_replica_sets_newest_first_without_the_hash_label()
    {
        var revisions = RevisionHistory.Of(Deployment.Resource, Owner("Deployment"),
        [
            ReplicaSet("web-a", "1", "nginx:1"), ReplicaSet("web-c", "10", "nginx:3"), ReplicaSet("web-b", "2", "nginx:2"),
            ReplicaSet("other", "5", "nginx:9", ownerUid: "someone-else"), // another Deployment's, same labels
            ReplicaSet("adopting", null, "nginx:0"),                          // no revision yet: not listed
        ]);
        Assert.Equal([10L, 2L, 1L], revisions.Select(r => r.Number));
        Assert.Equal(["web-c", "web-b", "web-a"], revisions.Select(r => r.Name));
        Assert.All(revisions, r => Assert.Null(r.Template["metadata"]!["labels"]!["pod-template-hash"]));
        Assert.Equal("nginx:3", (string?)revisions[0].Template["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public void The_recording_objects_are_found_with_the_full_selector()
    {
        Assert.Equal(ReplicaSetKind, RevisionHistory.SourceKind(Deployment.Resource));
        Assert.Equal(ControllerRevision.Resource, RevisionHistory.SourceKind(StatefulSet.Resource));
        Assert.Equal("app=web,tier in (a,b)", RevisionHistory.SourceSelector(Owner("StatefulSet")));
        Assert.True(RevisionHistory.Applies(DaemonSet.Resource));
        Assert.False(RevisionHistory.Applies(Kubernetes.Models.ReplicaSet.Resource));
    }

    private static ResourceKind ReplicaSetKind => Kubernetes.Models.ReplicaSet.Resource;

    [Fact]
    public async Task A_stateful_sets_controller_revisions_give_clean_templates_and_a_rollback_restores_one()
    {
        const string ns = "rev-sts";
        await fx.NewNamespace(ns);
        await fx.Admin.CreateAsync(StatefulSet.Resource, ns, JsonNode.Parse("""
            {"metadata":{"name":"db"},"spec":{"replicas":1,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
             "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"postgres:16"}]}}}}
            """)!.AsObject());
        var actions = new ActionService(fx.Pool, new AuditLog());
        var admin = new ActionContext("emulator", fx.AdminIdentity, "admin");
        var db = new ObjectRef(StatefulSet.Resource, ns, "db");
        await Eventually(async () => (await actions.RevisionsAsync(admin, db)).Count == 1, "the first revision");
        await actions.SetImageAsync(admin, db, "db", "postgres:17");
        await Eventually(async () => (await actions.RevisionsAsync(admin, db)).Count == 2, "a second revision");

        var revisions = await actions.RevisionsAsync(admin, db);
        Assert.Equal([2L, 1L], revisions.Select(r => r.Number));
        Assert.Equal(["postgres:17", "postgres:16"], revisions.Select(r => (string?)r.Template["spec"]!["containers"]![0]!["image"]));
        Assert.All(revisions, r => Assert.False(r.Template.ContainsKey("$patch"))); // the stored patch's directive is not template

        await actions.RollbackAsync(admin, db, 1);
        var rolledBack = await fx.Admin.GetAsync(StatefulSet.Resource, ns, "db");
        Assert.Equal("postgres:16", (string?)rolledBack.Json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
