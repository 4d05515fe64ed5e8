using System.Diagnostics;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The scheduler and kubelet keep up with many pods (a scaled-down large scenario).</summary>
public sealed class ScaleTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Thousands_of_pods_on_many_nodes_all_start()
    {
        const int nodes = 50, pods = 1000;
        var ctx = fx.Emulator.Context;
        for (var i = 0; i < nodes; i++)
            ctx.Api.Create(ctx.Type("", "nodes"), "", NodeTemplate.Create($"n{i}", "16", "64Gi", 110, index: i), UserInfo.System);
        var podType = ctx.Type("", "pods");
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < pods; i++)
            ctx.Api.Create(podType, "default", new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"p{i}", ["labels"] = new JsonObject { ["app"] = $"a{i % 50}" } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "app",
                        ["image"] = $"nginx:1.{i % 5}",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
                    }),
                },
            }, UserInfo.System);
        var created = sw.Elapsed;
        await EmulatorFixture.Eventually(() => Task.FromResult(
            ctx.Store.List(podType, "default", filter: o => o.Fields["spec.nodeName"] != "").Items.Count == pods),
            "all pods bound", TimeSpan.FromSeconds(90));
        Console.WriteLine($"bound after {sw.Elapsed.TotalSeconds:0.0}s");
        await EmulatorFixture.Eventually(() => Task.FromResult(
            ctx.Store.List(podType, "default", filter: o => o.Fields["status.phase"] == "Running").Items.Count == pods),
            "all pods running", TimeSpan.FromSeconds(90));
        var perNode = ctx.Store.List(podType, "default").Items.GroupBy(o => o.Fields["spec.nodeName"]).Select(g => g.Count()).ToList();
        Assert.Equal(nodes, perNode.Count);
        Assert.True(perNode.Max() - perNode.Min() <= 2, $"uneven spread {perNode.Min()}..{perNode.Max()}");
        Console.WriteLine($"created {pods} pods in {created.TotalSeconds:0.0}s, all running after {sw.Elapsed.TotalSeconds:0.0}s");
    }
}
