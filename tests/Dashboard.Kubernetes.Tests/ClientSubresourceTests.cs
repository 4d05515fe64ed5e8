using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Tests;

/// <summary>scale, status and eviction, against the emulator's controllers and kubelet.</summary>
public sealed class ClientSubresourceTests(EmulatorClientFixture fx) : IClassFixture<EmulatorClientFixture>
{
    private async Task Node(string name)
    {
        try
        {
            await fx.Admin.CreateAsync(Models.Node.Resource, null, JsonNode.Parse("""
                {"metadata":{"name":"@name","labels":{"kubernetes.io/hostname":"@name","kubernetes.io/os":"linux"}},
                 "status":{"capacity":{"cpu":"8","memory":"16Gi","pods":"110"},"allocatable":{"cpu":"8","memory":"16Gi","pods":"110"},
                  "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}]}}
                """.Replace("@name", name, StringComparison.Ordinal))!.AsObject());
        }
        catch (KubeApiException e) when (e.IsAlreadyExists) { }
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Scale_goes_through_the_scale_subresource_and_the_controller_follows()
    {
        await Node("scale-node");
        await fx.Admin.CreateAsync(Deployment.Resource, "default", JsonNode.Parse("""
            {"metadata":{"name":"scaled"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"scaled"}},
             "template":{"metadata":{"labels":{"app":"scaled"}},"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}}}
            """)!.AsObject());
        var scale = await fx.Admin.ScaleAsync(Deployment.Resource, "default", "scaled", 3);
        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal(3, (int?)scale["spec"]?["replicas"]);
        Assert.Equal(3, (int?)(await fx.Admin.GetScaleAsync(Deployment.Resource, "default", "scaled"))["spec"]?["replicas"]);
        await Eventually(async () => (await fx.Admin.ListAsync(Pod.Resource, "default", new ListOptions { LabelSelector = "app=scaled" })).Items.Count == 3,
            "three pods");
    }

    [Fact]
    public async Task Status_is_written_through_its_own_subresource()
    {
        var svc = await fx.Admin.CreateAsync(Service.Resource, "default", JsonNode.Parse("""
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","selector":{"app":"x"},"ports":[{"port":80}]}}
            """)!.AsObject());
        svc.Json["status"] = JsonNode.Parse("""{"loadBalancer":{"ingress":[{"ip":"203.0.113.7"}]}}""");
        var updated = await fx.Admin.ReplaceStatusAsync(Service.Resource, svc);
        Assert.Equal("203.0.113.7", (string?)updated.Json["status"]!["loadBalancer"]!["ingress"]![0]!["ip"]);

        // The main resource ignores status: a PUT there cannot change it.
        updated.Json["status"]!["loadBalancer"]!["ingress"]![0]!["ip"] = "198.51.100.1";
        var viaMain = await fx.Admin.ReplaceAsync(Service.Resource, updated);
        Assert.Equal("203.0.113.7", (string?)viaMain.Json["status"]!["loadBalancer"]!["ingress"]![0]!["ip"]);
    }

    [Fact]
    public async Task Eviction_deletes_a_pod_unless_a_disruption_budget_forbids_it()
    {
        await Node("evict-node");
        foreach (var name in new[] { "guarded", "free" })
        {
            await fx.Admin.CreateAsync(Pod.Resource, "default", JsonNode.Parse("""
                {"metadata":{"name":"@name","labels":{"app":"@name"}},"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}
                """.Replace("@name", name, StringComparison.Ordinal))!.AsObject());
        }
        await fx.Admin.CreateAsync(PodDisruptionBudget.Resource, "default", JsonNode.Parse("""
            {"metadata":{"name":"guard"},"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"guarded"}}}}
            """)!.AsObject());
        await Eventually(async () => (await fx.Admin.GetAsync(Pod.Resource, "default", "guarded")).GetString("status.phase") == "Running", "the pod to run");
        await Eventually(async () => (await fx.Admin.GetAsync(PodDisruptionBudget.Resource, "default", "guard")).GetInt64("status.currentHealthy") == 1,
            "the budget to count the pod");

        var refused = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.EvictAsync("default", "guarded"));
        Assert.Equal(429, refused.Code);
        Assert.Contains(refused.Causes, c => c.Reason == "DisruptionBudget");

        await fx.Admin.EvictAsync("default", "free");
        await Eventually(async () =>
        {
            try { await fx.Admin.GetAsync(Pod.Resource, "default", "free"); return false; }
            catch (KubeApiException e) when (e.IsNotFound) { return true; }
        }, "the evicted pod to go");
    }
}
