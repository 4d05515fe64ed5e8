using System.Diagnostics;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The large scenario at test size: 20 nodes, 2,000 pods, no churn.</summary>
public sealed class LargeScenarioFixture : EmulatorFixture
{
    /// <inheritdoc />
    protected override EmulatorOptions Options => new() { Scenario = "large", LargeNodes = 20, LargePods = 2_000, TimeScale = 0.05, RunControllers = false };
}

public sealed class LargeScenarioTests(LargeScenarioFixture fx) : IClassFixture<LargeScenarioFixture>
{
    [Fact]
    public async Task Every_pod_is_listed_across_pages()
    {
        var names = (await fx.Kubectl("get", "pods", "-A", "-o", "name")).EnsureSuccess();
        var lines = names.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2_000, lines.Length);
        Assert.Equal(2_000, lines.Distinct().Count());

        var small = (await fx.Kubectl("get", "pods", "-A", "--chunk-size=150", "--no-headers")).EnsureSuccess();
        Assert.Equal(2_000, small.Stdout.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public async Task Pods_are_running_bound_and_owned_across_many_namespaces()
    {
        var running = (await fx.Kubectl("get", "pods", "-A", "--field-selector=status.phase=Running", "-o", "name")).EnsureSuccess();
        Assert.Equal(2_000, running.Stdout.TrimEnd('\n').Split('\n').Length);

        var ns = (await fx.Kubectl("get", "namespaces", "-o", "name")).EnsureSuccess();
        Assert.InRange(ns.Stdout.TrimEnd('\n').Split('\n').Length, 40, 60);

        var nodes = (await fx.Kubectl("get", "nodes", "-o", "name")).EnsureSuccess();
        Assert.Equal(20, nodes.Stdout.TrimEnd('\n').Split('\n').Length);

        var onNode = (await fx.Kubectl("get", "pods", "-A", "--field-selector=spec.nodeName=worker-0001", "-o", "name")).EnsureSuccess();
        Assert.InRange(onNode.Stdout.TrimEnd('\n').Split('\n').Length, 90, 130);

        var owners = (await fx.Kubectl("get", "pods", "-n", "payments", "-o", "jsonpath={range .items[*]}{.metadata.ownerReferences[0].kind}{\"\\n\"}{end}")).EnsureSuccess();
        Assert.All(owners.Stdout.TrimEnd('\n').Split('\n'), k => Assert.Equal("ReplicaSet", k));
        var rs = (await fx.Kubectl("get", "replicasets", "-A", "-o", "name")).EnsureSuccess();
        Assert.Equal(20, rs.Stdout.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public async Task Top_and_logs_work_on_scenario_pods()
    {
        var top = (await fx.Kubectl("top", "node")).EnsureSuccess();
        Assert.Contains("worker-0001", top.Stdout);
        var first = (await fx.Kubectl("get", "pods", "-n", "payments", "-o", "name")).EnsureSuccess().Stdout.Split('\n')[0];
        var logs = (await fx.Kubectl("logs", "-n", "payments", first, "--tail=5")).EnsureSuccess();
        Assert.Equal(5, logs.Stdout.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public async Task Churn_changes_pods_on_a_timer_and_keeps_their_number()
    {
        await using var emulator = await KubeEmulator.StartAsync(new EmulatorOptions { Scenario = "large", LargeNodes = 5, LargePods = 200, ChurnPerSecond = 50, TimeScale = 0.05 });
        var pods = emulator.Context.Type("", "pods");
        // Other controllers write too (leases, service accounts...): count the churn generator's own changes.
        var churn = emulator.Context.Controllers.OfType<Dashboard.Kubernetes.Emulator.Scenarios.Large.LargeChurnController>().Single();
        var watch = Stopwatch.StartNew();
        await EmulatorFixture.Eventually(() => Task.FromResult(churn.Changes >= 50), "50 churn writes");
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(0.5), "churn should be paced, not a burst");
        Assert.InRange(emulator.Context.Store.Count(pods), 199, 200);
    }
}
