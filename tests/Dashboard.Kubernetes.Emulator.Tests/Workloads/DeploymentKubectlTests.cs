namespace Dashboard.Kubernetes.Emulator.Tests.Workloads;

public sealed class DeploymentKubectlTests(WorkloadFixture fx) : IClassFixture<WorkloadFixture>
{
    internal static string Deployment(string name, string image, int replicas = 3, string extraSpec = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}{{extraSpec}}
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: main
                image: {{image}}
        """;

    private Task<string> ReplicaSets(string app) => fx.Out("get", "rs", "-l", "app=" + app, "--sort-by=.metadata.annotations.deployment\\.kubernetes\\.io/revision",
        "-o", "jsonpath={range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}:{.spec.replicas}:{.spec.template.spec.containers[0].image}{\" \"}{end}");

    [Fact]
    public async Task Create_makes_a_hashed_replicaset_and_pods_and_rollout_status_completes()
    {
        await fx.Create(Deployment("web", "nginx:1.25"));
        var status = await fx.Out("rollout", "status", "deployment/web", "--timeout=60s");
        Assert.Contains("deployment \"web\" successfully rolled out", status);

        var rs = await fx.Out("get", "rs", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.name} {.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.replicas} {.metadata.labels.pod-template-hash} {.metadata.annotations.deployment\\.kubernetes\\.io/desired-replicas} {.metadata.annotations.deployment\\.kubernetes\\.io/max-replicas}{\"\\n\"}{end}");
        var parts = rs.Split(' ');
        Assert.Equal("1", parts[1]);
        Assert.Equal("3", parts[2]);
        Assert.Equal("web-" + parts[3], parts[0]);
        Assert.Equal("3", parts[4]);
        Assert.Equal("4", parts[5]);

        var pods = await fx.Out("get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].blockOwnerDeletion}/{.metadata.labels.pod-template-hash}{\"\\n\"}{end}");
        Assert.Equal(3, pods.Split('\n').Count(l => l == $"{parts[0]}/true/{parts[3]}"));

        var d = await fx.Out("get", "deploy", "web", "-o", "jsonpath={.status.replicas}/{.status.updatedReplicas}/{.status.readyReplicas}/{.status.availableReplicas} {.status.conditions[?(@.type==\"Progressing\")].reason} {.status.conditions[?(@.type==\"Available\")].reason} {.spec.strategy.rollingUpdate.maxSurge} {.spec.revisionHistoryLimit} {.spec.progressDeadlineSeconds} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}");
        Assert.Equal("3/3/3/3 NewReplicaSetAvailable MinimumReplicasAvailable 25% 10 600 1", d);

        var events = await fx.Out("get", "events", "--field-selector", "involvedObject.name=web", "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
        Assert.Contains($"ScalingReplicaSet: Scaled up replica set {parts[0]} to 3", events);
    }

    [Fact]
    public async Task Scale_goes_through_the_scale_subresource_and_changes_pods()
    {
        await fx.Create(Deployment("scaler", "nginx:1.25", 2));
        await fx.Out("rollout", "status", "deployment/scaler", "--timeout=60s");
        Assert.Equal("deployment.apps/scaler scaled", await fx.Out("scale", "deployment/scaler", "--replicas=4"));
        await fx.Out("rollout", "status", "deployment/scaler", "--timeout=60s");
        await fx.WaitFor("4", "get", "deploy", "scaler", "-o", "jsonpath={.status.availableReplicas}");
        var scale = await fx.Out("get", "--raw", "/apis/apps/v1/namespaces/default/deployments/scaler/scale");
        Assert.Contains("\"kind\":\"Scale\"", scale);
        Assert.Contains("\"selector\":\"app=scaler\"", scale);
        Assert.Contains("\"spec\":{\"replicas\":4}", scale);

        Assert.Equal("deployment.apps/scaler scaled", await fx.Out("scale", "deployment/scaler", "--replicas=1"));
        await fx.WaitFor("1", "get", "deploy", "scaler", "-o", "jsonpath={.status.replicas}");
        var events = await fx.Out("get", "events", "--field-selector", "involvedObject.kind=ReplicaSet", "-o", "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}");
        Assert.Contains("SuccessfulDelete", events);
    }

    [Fact]
    public async Task Set_image_rolls_out_a_new_revision_and_undo_goes_back()
    {
        await fx.Create(Deployment("roll", "nginx:1.25"));
        await fx.Out("rollout", "status", "deployment/roll", "--timeout=60s");
        Assert.Equal("deployment.apps/roll image updated", await fx.Out("set", "image", "deployment/roll", "main=nginx:1.26"));
        Assert.Contains("successfully rolled out", await fx.Out("rollout", "status", "deployment/roll", "--timeout=60s"));
        Assert.Equal("1:0:nginx:1.25 2:3:nginx:1.26", await ReplicaSets("roll"));

        var history = await fx.Out("rollout", "history", "deployment/roll");
        Assert.Contains("REVISION", history);
        Assert.Matches(@"(?m)^1\s+<none>", history);
        Assert.Matches(@"(?m)^2\s+<none>", history);

        Assert.Equal("deployment.apps/roll rolled back", await fx.Out("rollout", "undo", "deployment/roll"));
        await fx.Out("rollout", "status", "deployment/roll", "--timeout=60s");
        Assert.Equal("2:0:nginx:1.26 3:3:nginx:1.25", await ReplicaSets("roll"));
        Assert.Equal("nginx:1.25", await fx.Out("get", "deploy", "roll", "-o", "jsonpath={.spec.template.spec.containers[0].image}"));

        Assert.Equal("deployment.apps/roll rolled back", await fx.Out("rollout", "undo", "deployment/roll", "--to-revision=2"));
        await fx.Out("rollout", "status", "deployment/roll", "--timeout=60s");
        Assert.Equal("3:0:nginx:1.25 4:3:nginx:1.26", await ReplicaSets("roll"));
        Assert.Equal("4", await fx.Out("get", "deploy", "roll", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"));
        var events = await fx.Out("get", "events", "--field-selector", "involvedObject.name=roll", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}");
        Assert.Matches(@"Scaled down replica set roll-\w+ to 0 from 1", events);
    }

    [Fact]
    public async Task Restart_creates_a_new_replicaset_and_pause_holds_template_changes()
    {
        await fx.Create(Deployment("restart", "nginx:1.25", 2));
        await fx.Out("rollout", "status", "deployment/restart", "--timeout=60s");
        Assert.Equal("deployment.apps/restart restarted", await fx.Out("rollout", "restart", "deployment/restart"));
        await fx.Out("rollout", "status", "deployment/restart", "--timeout=60s");
        Assert.Equal("1:0:nginx:1.25 2:2:nginx:1.25", await ReplicaSets("restart"));
        Assert.NotEmpty(await fx.Out("get", "rs", "-l", "app=restart", "-o", "jsonpath={.items[*].spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"));

        Assert.Equal("deployment.apps/restart paused", await fx.Out("rollout", "pause", "deployment/restart"));
        await fx.WaitFor("DeploymentPaused", "get", "deploy", "restart", "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}");
        await fx.Out("set", "image", "deployment/restart", "main=nginx:1.27");
        await Task.Delay(500);
        Assert.Equal("1:0:nginx:1.25 2:2:nginx:1.25", await ReplicaSets("restart"));
        var undo = await fx.Kubectl("rollout", "undo", "deployment/restart");
        Assert.NotEqual(0, undo.ExitCode);
        Assert.Contains("you cannot rollback a paused deployment", undo.Stderr);

        Assert.Equal("deployment.apps/restart resumed", await fx.Out("rollout", "resume", "deployment/restart"));
        await fx.Out("rollout", "status", "deployment/restart", "--timeout=60s");
        Assert.Equal("1:0:nginx:1.25 2:0:nginx:1.25 3:2:nginx:1.27", await ReplicaSets("restart"));
    }

    [Fact]
    public async Task Rolling_update_respects_max_unavailable_zero()
    {
        await fx.Create(Deployment("surge", "nginx:1.25", 3, "\n  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}"));
        await fx.Out("rollout", "status", "deployment/surge", "--timeout=60s");
        using var cts = new CancellationTokenSource();
        var ctx = fx.Emulator.Context;
        var minAvailable = int.MaxValue;
        var maxTotal = 0;
        var rsType = ctx.Type("apps", "replicasets");
        var watcher = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var rss = ctx.Api.List(rsType, "default").Where(r => Api.Json.Labels(r).GetValueOrDefault("app") == "surge").ToList();
                minAvailable = Math.Min(minAvailable, rss.Sum(r => (int)(Api.Json.Int(r, "status.availableReplicas") ?? 0)));
                maxTotal = Math.Max(maxTotal, rss.Sum(r => (int)(Api.Json.Int(r, "spec.replicas") ?? 0)));
                await Task.Delay(10);
            }
        });
        await fx.Out("set", "image", "deployment/surge", "main=nginx:1.26");
        await fx.Out("rollout", "status", "deployment/surge", "--timeout=60s");
        await cts.CancelAsync();
        await watcher;
        Assert.True(minAvailable >= 3, $"availability dropped to {minAvailable}");
        Assert.True(maxTotal <= 4, $"surged to {maxTotal}");
    }

    [Fact]
    public async Task Invalid_deployments_get_the_real_422_causes()
    {
        var mismatch = Deployment("bad", "nginx").Replace("matchLabels: {app: bad}", "matchLabels: {app: other}");
        var r = await fx.Run(fx.KubeconfigPath, mismatch, null, "create", "-f", "-", "--validate=false");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("The Deployment \"bad\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"bad\"}: `selector` does not match template `labels`", r.Stderr);

        var negative = Deployment("neg", "nginx", -1);
        r = await fx.Run(fx.KubeconfigPath, negative, null, "create", "-f", "-", "--validate=false");
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", r.Stderr);
    }
}
