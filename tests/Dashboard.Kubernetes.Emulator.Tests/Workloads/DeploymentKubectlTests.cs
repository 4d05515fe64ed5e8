namespace Dashboard.Kubernetes.Emulator.Tests.Workloads;

public sealed class DeploymentKubectlTests(WorkloadFixture fx) : IClassFixture<WorkloadFixture>
{
    private static string Deployment(string name, string image, int replicas = 3) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
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

    [Fact]
    public async Task Create_makes_a_hashed_replicaset_and_pods_and_rollout_status_completes()
    {
        await fx.Create(Deployment("web", "nginx:1.25"));
        var status = await fx.Out("rollout", "status", "deployment/web", "--timeout=30s");
        Assert.Contains("deployment \"web\" successfully rolled out", status);

        var rs = await fx.Out("get", "rs", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.name} {.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.replicas} {.metadata.labels.pod-template-hash}{\"\\n\"}{end}");
        var parts = rs.Split(' ');
        Assert.Equal("1", parts[1]);
        Assert.Equal("3", parts[2]);
        Assert.Equal("web-" + parts[3], parts[0]);

        var pods = await fx.Out("get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.ownerReferences[0].name}{\"\\n\"}{end}");
        Assert.Equal(3, pods.Split('\n').Count(l => l == parts[0]));

        var d = await fx.Out("get", "deploy", "web", "-o", "jsonpath={.status.replicas}/{.status.updatedReplicas}/{.status.readyReplicas}/{.status.availableReplicas} {.status.conditions[?(@.type==\"Progressing\")].reason} {.status.conditions[?(@.type==\"Available\")].reason} {.spec.strategy.rollingUpdate.maxSurge} {.spec.revisionHistoryLimit}");
        Assert.Equal("3/3/3/3 NewReplicaSetAvailable MinimumReplicasAvailable 25% 10", d);
    }
}
