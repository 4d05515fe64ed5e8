using System.Text.Json.Nodes;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>Every action's effect is checked in the emulator's state, and in the audit log.</summary>
public sealed class ActionServiceTests(CacheFixture fx) : IClassFixture<CacheFixture>
{
    private readonly AuditLog _audit = new();
    private ActionService Actions => new(fx.Pool, _audit);
    private ActionContext Admin => new("emulator", fx.AdminIdentity, "admin");

    private async Task Node(string name)
    {
        try
        {
            await fx.Admin.CreateAsync(Kubernetes.Models.Node.Resource, null, JsonNode.Parse("""
                {"metadata":{"name":"@n","labels":{"kubernetes.io/hostname":"@n","kubernetes.io/os":"linux"}},
                 "status":{"capacity":{"cpu":"8","memory":"16Gi","pods":"110"},"allocatable":{"cpu":"8","memory":"16Gi","pods":"110"},
                  "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}]}}
                """.Replace("@n", name, StringComparison.Ordinal))!.AsObject());
        }
        catch (KubeApiException e) when (e.IsAlreadyExists) { }
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

    private async Task<ObjectRef> DeploymentIn(string ns, string name)
    {
        await fx.NewNamespace(ns);
        await fx.Admin.CreateAsync(Deployment.Resource, ns, JsonNode.Parse("""
            {"metadata":{"name":"@n"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"@n"}},
             "template":{"metadata":{"labels":{"app":"@n"}},"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}
            """.Replace("@n", name, StringComparison.Ordinal))!.AsObject());
        return new ObjectRef(Deployment.Resource, ns, name);
    }

    [Fact]
    public async Task Deployment_actions_change_the_cluster_and_are_audited()
    {
        await Node("actions-node");
        var web = await DeploymentIn("act-deploy", "web");
        var actions = Actions;
        Assert.True(actions.Offers<IPausable>(Deployment.Resource));
        Assert.False(actions.Offers<IPausable>(StatefulSet.Resource));
        Assert.False(actions.Offers<IScalable>(DaemonSet.Resource));

        await actions.ScaleAsync(Admin, web, 2);
        Assert.Equal(2, (await fx.Admin.GetAsync(Deployment.Resource, "act-deploy", "web")).GetInt64("spec.replicas"));

        await actions.SetImageAsync(Admin, web, "web", "nginx:1.27");
        await Eventually(async () => (await actions.RevisionsAsync(Admin, web)).Count == 2, "a second revision");
        await actions.RestartAsync(Admin, web);
        var restarted = await fx.Admin.GetAsync(Deployment.Resource, "act-deploy", "web");
        Assert.NotNull(restarted.Json["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);

        await Eventually(async () => (await actions.RevisionsAsync(Admin, web)).Count == 3, "a third revision");
        var revisions = await actions.RevisionsAsync(Admin, web);
        Assert.Equal([3L, 2L, 1L], revisions.Select(r => r.Number));
        Assert.Equal("nginx:1.26", (string?)revisions[^1].Template["spec"]!["containers"]![0]!["image"]);

        await actions.RollbackAsync(Admin, web, 1);
        var rolledBack = await fx.Admin.GetAsync(Deployment.Resource, "act-deploy", "web");
        Assert.Equal("nginx:1.26", (string?)rolledBack.Json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);

        await actions.SetPausedAsync(Admin, web, true);
        Assert.Equal(true, (bool?)(await fx.Admin.GetAsync(Deployment.Resource, "act-deploy", "web")).Json["spec"]!["paused"]);
        await actions.SetPausedAsync(Admin, web, false);

        var missing = await Assert.ThrowsAsync<ActionFailedException>(() => actions.RollbackAsync(Admin, web, 42));
        Assert.Contains("has no revision 42", missing.Message);

        Assert.Equal(["rollback", "resume", "pause", "rollback", "restart", "set-image", "scale"], _audit.Entries.Select(e => e.Action).Take(7));
        Assert.False(_audit.Entries[0].Succeeded);
        Assert.All(_audit.Entries.Skip(1), e => Assert.True(e.Succeeded));
        Assert.Equal("deployments.apps act-deploy/web", _audit.Entries[^1].Target);
        Assert.Equal("replicas=2", _audit.Entries[^1].Details);
    }

    [Fact]
    public async Task CronJob_suspend_and_trigger_create_what_kubectl_would()
    {
        await fx.NewNamespace("act-cron");
        await fx.Admin.CreateAsync(CronJob.Resource, "act-cron", JsonNode.Parse("""
            {"metadata":{"name":"nightly"},"spec":{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{"spec":{
              "restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox","command":["date"]}]}}}}}}
            """)!.AsObject());
        var cron = new ObjectRef(CronJob.Resource, "act-cron", "nightly");
        var actions = Actions;
        await actions.SetSuspendedAsync(Admin, cron, true);
        Assert.Equal(true, (bool?)(await fx.Admin.GetAsync(CronJob.Resource, "act-cron", "nightly")).Json["spec"]!["suspend"]);

        var triggered = await actions.TriggerAsync(Admin, cron);
        var job = await fx.Admin.GetAsync(Job.Resource, "act-cron", triggered.Object!.Name);
        Assert.StartsWith("nightly-manual-", job.Name);
        Assert.Equal("CronJob", job.Controller?.Kind);
        Assert.Equal("manual", job.Annotations["cronjob.kubernetes.io/instantiate"]);
    }

    [Fact]
    public async Task Node_cordon_and_drain_evict_pods_and_a_budget_makes_drain_wait()
    {
        await Node("drain-me");
        await fx.NewNamespace("act-drain");
        foreach (var name in new[] { "a", "b" })
        {
            await fx.Admin.CreateAsync(Pod.Resource, "act-drain", JsonNode.Parse("""
                {"metadata":{"name":"@n","labels":{"app":"@n"}},"spec":{"nodeName":"drain-me","containers":[{"name":"c","image":"nginx:1.27"}]}}
                """.Replace("@n", name, StringComparison.Ordinal))!.AsObject());
        }
        await fx.Admin.CreateAsync(PodDisruptionBudget.Resource, "act-drain", JsonNode.Parse("""
            {"metadata":{"name":"keep-b"},"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"b"}}}}
            """)!.AsObject());
        await Eventually(async () => (await fx.Admin.GetAsync(PodDisruptionBudget.Resource, "act-drain", "keep-b")).GetInt64("status.currentHealthy") == 1, "the budget");
        var node = new ObjectRef(Kubernetes.Models.Node.Resource, null, "drain-me");
        var actions = Actions;

        await actions.SetCordonedAsync(Admin, node, true);
        Assert.Equal(true, (bool?)(await fx.Admin.GetAsync(Kubernetes.Models.Node.Resource, null, "drain-me")).Json["spec"]!["unschedulable"]);

        var progress = new List<DrainProgress>();
        var blocked = await Assert.ThrowsAsync<ActionFailedException>(() =>
            actions.DrainAsync(Admin, node, new Progress<DrainProgress>(p => { lock (progress) progress.Add(p); }), TimeSpan.FromSeconds(2)));
        Assert.Contains("cannot be evicted", blocked.Message);
        await Eventually(async () =>
        {
            try { await fx.Admin.GetAsync(Pod.Resource, "act-drain", "a"); return false; }
            catch (KubeApiException e) when (e.IsNotFound) { return true; }
        }, "pod a to be evicted");
        Assert.Equal("b", (await fx.Admin.GetAsync(Pod.Resource, "act-drain", "b")).Name);

        await actions.SetCordonedAsync(Admin, node, false);
        Assert.Null((await fx.Admin.GetAsync(Kubernetes.Models.Node.Resource, null, "drain-me")).Json["spec"]?["unschedulable"]);
        Assert.Equal(["uncordon", "drain", "cordon"], _audit.Entries.Select(e => e.Action).Take(3));
    }

    [Fact]
    public async Task Labels_annotations_delete_and_multi_document_apply()
    {
        await fx.NewNamespace("act-generic");
        var cm = await fx.CreateConfigMap("act-generic", "settings");
        var target = new ObjectRef(ConfigMap.Resource, "act-generic", "settings");
        var actions = Actions;
        await actions.LabelAsync(Admin, target, new Dictionary<string, string?> { ["tier"] = "web" });
        await actions.AnnotateAsync(Admin, target, new Dictionary<string, string?> { ["owner"] = "team-a" });
        await actions.LabelAsync(Admin, target, new Dictionary<string, string?> { ["tier"] = null });
        var now = await fx.Admin.GetAsync(ConfigMap.Resource, "act-generic", "settings");
        Assert.False(now.Labels.ContainsKey("tier"));
        Assert.Equal("team-a", now.Annotations["owner"]);

        var yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: from-yaml}
            data: {a: "1"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: act-generic}
            stringData: {password: s3cret}
            ---
            apiVersion: example.com/v1
            kind: Unknown
            metadata: {name: nope}
            """;
        var dry = await actions.ApplyYamlAsync(Admin, yaml, "act-generic", dryRun: true);
        Assert.Equal([true, true, false], dry.Select(o => o.Succeeded));
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.GetAsync(ConfigMap.Resource, "act-generic", "from-yaml"))).IsNotFound);

        var applied = await actions.ApplyYamlAsync(Admin, yaml, "act-generic", dryRun: false);
        Assert.Equal([true, true, false], applied.Select(o => o.Succeeded));
        Assert.Contains("no kind \"Unknown\"", applied[2].Message);
        Assert.Equal("1", (await fx.Admin.GetAsync(ConfigMap.Resource, "act-generic", "from-yaml")).GetString("data.a"));
        Assert.NotNull(await fx.Admin.GetAsync(Secret.Resource, "act-generic", "creds"));

        var bad = await Assert.ThrowsAsync<ActionFailedException>(() => actions.ApplyYamlAsync(Admin, "a: [unclosed", "act-generic", false));
        Assert.Contains("line", bad.Message);

        await actions.DeleteAsync(Admin, target, propagation: "Background");
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.GetAsync(ConfigMap.Resource, "act-generic", "settings"))).IsNotFound);
        Assert.Equal("propagation=Background", _audit.Entries[0].Details);
        _ = cm;
    }

    [Fact]
    public async Task A_refused_action_explains_itself_and_is_audited_as_a_failure()
    {
        var web = await DeploymentIn("act-refused", "web");
        var viewer = fx.Pool.SignIn("emulator", fx.Emulator.Context.Users.Add("act-viewer"));
        var e = await Assert.ThrowsAsync<ActionFailedException>(() => Actions.ScaleAsync(new ActionContext("emulator", viewer, "act-viewer"), web, 5));
        Assert.StartsWith("scale deployments.apps act-refused/web was refused: deployments.apps \"web\" is forbidden: User \"act-viewer\"", e.Message);
        Assert.True(e.ApiError!.IsForbidden);
        var entry = _audit.Entries[0];
        Assert.Equal(("act-viewer", "scale", false), (entry.User, entry.Action, entry.Succeeded));

        var csv = _audit.ExportCsv();
        Assert.StartsWith("time,user,cluster,action,target,details,outcome,message\r\n", csv);
        Assert.Contains(",act-viewer,emulator,scale,deployments.apps act-refused/web,replicas=5,failure,\"scale deployments.apps", csv);
        var json = JsonNode.Parse(_audit.ExportJson())!.AsArray();
        Assert.Equal("failure", (string?)json[0]!["outcome"]);
    }
}
