using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Scenarios.Large;

namespace Dashboard.Kubernetes.Emulator.Tests;

public sealed class MetricsTests : IClassFixture<StreamsFixture>
{
    private readonly StreamsFixture _fx;

    public MetricsTests(StreamsFixture fx)
    {
        _fx = fx;
        lock (fx)
        {
            var ctx = fx.Emulator.Context;
            var nodes = ctx.Type("", "nodes");
            if (ctx.Api.TryGet(nodes, "", "node-1") is not null) return;
            var now = DateTimeOffset.UtcNow;
            ctx.Api.Create(nodes, "", LargeNodeBuilder.Build("node-1", 1, false, now), Api.UserInfo.System);
            ctx.Api.Create(nodes, "", LargeNodeBuilder.Build("node-2", 2, false, now), Api.UserInfo.System);
            ctx.Api.Create(ctx.Type("", "namespaces"), "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "shop" } }, Api.UserInfo.System);
            var requests = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "500m", ["memory"] = "256Mi" }, ["limits"] = new JsonObject { ["memory"] = "512Mi" } };
            StreamsPods.Create(ctx, "shop", "cart", [StreamsPods.Container("cart", "shop/cart:1", resources: requests)], [StreamsPods.Running("cart", now.AddMinutes(-10))]);
            var pinned = new JsonArray(
                new JsonObject { ["name"] = "EMULATOR_CPU_USAGE", ["value"] = "250m" },
                new JsonObject { ["name"] = "EMULATOR_MEMORY_USAGE", ["value"] = "300Mi" });
            StreamsPods.Create(ctx, "shop", "pinned", [StreamsPods.Container("main", "shop/api:1", env: pinned), StreamsPods.Container("proxy", "envoyproxy/envoy:v1.31")],
                [StreamsPods.Running("main", now.AddMinutes(-10)), StreamsPods.Running("proxy", now.AddMinutes(-10))], node: "node-2");
            StreamsPods.Create(ctx, "shop", "pending", [StreamsPods.Container("c", "nginx")], [StreamsPods.Waiting("c", "ContainerCreating")], phase: "Pending");
        }
    }

    [Fact]
    public async Task Top_node_shows_every_node_with_usage_against_allocatable()
    {
        var r = (await _fx.Kubectl("top", "node")).EnsureSuccess();
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^NAME\s+CPU\(cores\)\s+CPU(\(%\)|%)\s+MEMORY\(bytes\)\s+MEMORY(\(%\)|%)", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^node-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%", lines[1]);
        // node-2 runs the pinned pod (250m, 300Mi) on top of the system's own use.
        var node2 = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(int.Parse(node2[1].TrimEnd('m'), System.Globalization.CultureInfo.InvariantCulture), 250, 600);
        Assert.InRange(int.Parse(node2[3].TrimEnd('i', 'M'), System.Globalization.CultureInfo.InvariantCulture), 300 + 600, 300 + 1100);
    }

    [Fact]
    public async Task Top_pod_reports_running_pods_and_their_containers()
    {
        var r = (await _fx.Kubectl("top", "pod", "-n", "shop")).EnsureSuccess();
        Assert.Matches(@"NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)", r.Stdout);
        Assert.Matches(@"cart\s+\d+m\s+\d+Mi", r.Stdout);
        Assert.DoesNotContain("pending", r.Stdout);

        var containers = (await _fx.Kubectl("top", "pod", "pinned", "-n", "shop", "--containers")).EnsureSuccess();
        Assert.Matches(@"pinned\s+main\s+2[45]\dm\s+300Mi", containers.Stdout);
        Assert.Matches(@"pinned\s+proxy\s+\d+m\s+\d+Mi", containers.Stdout);

        var all = (await _fx.Kubectl("top", "pod", "-A", "-l", "app=cart")).EnsureSuccess();
        Assert.Matches(@"shop\s+cart\s+", all.Stdout);
        Assert.DoesNotContain("pinned", all.Stdout);
    }

    [Fact]
    public async Task Cart_uses_a_share_of_its_requests_and_missing_metrics_are_404()
    {
        var raw = (await _fx.Kubectl("get", "--raw", "/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/cart")).EnsureSuccess();
        var obj = JsonNode.Parse(raw.Stdout)!;
        Assert.Equal("PodMetrics", obj["kind"]!.GetValue<string>());
        var cpu = obj["containers"]![0]!["usage"]!["cpu"]!.GetValue<string>();
        Assert.EndsWith("n", cpu);
        Assert.InRange(long.Parse(cpu.TrimEnd('n'), System.Globalization.CultureInfo.InvariantCulture), 10_000_000L, 600_000_000L);
        var mem = obj["containers"]![0]!["usage"]!["memory"]!.GetValue<string>();
        Assert.InRange(long.Parse(mem.TrimEnd('i', 'K'), System.Globalization.CultureInfo.InvariantCulture), 64L * 1024, 512L * 1024);

        var missing = await _fx.Kubectl("top", "pod", "pending", "-n", "shop");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("podmetrics.metrics.k8s.io \"shop/pending\" not found", missing.Stderr);
    }
}
