using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Workloads;

namespace Dashboard.Web.Tests.Projections;

/// <summary>The workload detail sections rendered on fixture objects, in English and Chinese.</summary>
public sealed class WorkloadSectionsTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static KubeObject Fixture(string name) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!.AsObject());

    private static IRenderedComponent<ContainersSection> Containers(BunitContext ctx, KubeObject obj, ResourceKind? kind = null) =>
        ctx.Render<ContainersSection>(p => p.Add(c => c.Kind, kind ?? Pod.Resource).Add(c => c.Object, obj));

    private static IRenderedComponent<SchedulingSection> Scheduling(BunitContext ctx, KubeObject obj) =>
        ctx.Render<SchedulingSection>(p => p.Add(c => c.Kind, Pod.Resource).Add(c => c.Object, obj));

    private static IRenderedComponent<VolumesSection> Volumes(BunitContext ctx, KubeObject obj) =>
        ctx.Render<VolumesSection>(p => p.Add(c => c.Kind, Pod.Resource).Add(c => c.Object, obj));

    [Fact]
    public void A_crash_looping_container_shows_its_state_last_exit_and_probe_in_english()
    {
        using var ctx = fx.Context(culture: "en");
        var cut = Containers(ctx, Fixture("pod-fraud-detector"));
        var card = cut.Find("[data-testid=container-detector]");
        Assert.StartsWith("Waiting, CrashLoopBackOff", card.QuerySelector(".container-state")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Terminated, Error, exit code 1", card.QuerySelector(".container-last-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Burstable", cut.Find("[data-testid=qos]").TextContent);
    }

    [Fact]
    public void The_same_container_reads_in_chinese()
    {
        using var ctx = fx.Context(culture: "zh-CN");
        var cut = Containers(ctx, Fixture("pod-fraud-detector"));
        var card = cut.Find("[data-testid=container-detector]");
        Assert.StartsWith("等待中, CrashLoopBackOff", card.QuerySelector(".container-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("退出码 1", card.QuerySelector(".container-last-state")!.TextContent);
        Assert.Contains("镜像", card.TextContent);
    }

    [Fact]
    public void A_failing_readiness_probe_reads_in_words()
    {
        using var ctx = fx.Context(culture: "en");
        var cut = Containers(ctx, Fixture("pod-legacy-api"));
        Assert.Contains("Readiness: HTTP GET :http/fail/healthz every 5s, timeout 1s, fails after 3", cut.Find(".probes").TextContent);
        using var zh = fx.Context(culture: "zh-CN");
        var zhCut = Containers(zh, Fixture("pod-legacy-api"));
        Assert.Contains("就绪探针: HTTP GET :http/fail/healthz 每 5 秒，超时 1 秒，连续失败 3 次判为失败", zhCut.Find(".probes").TextContent);
    }

    [Fact]
    public void Env_references_link_to_their_config_maps_and_secrets()
    {
        using var ctx = fx.Context(culture: "en");
        var cut = Containers(ctx, Fixture("pod-env-refs"));
        var links = cut.FindAll(".env-table a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/ns/shop/configmaps/catalog-config", "/ns/shop/secrets/catalog-db", "/ns/shop/configmaps/shared-settings"], links);
        Assert.Contains("key db.host of config map", cut.Find(".env-table").TextContent);
        Assert.Contains("(optional)", cut.Find(".env-table").TextContent);
        Assert.Equal("/ns/shop/persistentvolumeclaims/catalog-data", cut.Find(".mounts a").GetAttribute("href"));
        Assert.Contains("read-only", cut.Find(".mounts").TextContent);
        Assert.Contains("Liveness: HTTP GET :8080/healthz every 10s, timeout 1s, after 5s, fails after 3", cut.Find(".probes").TextContent);
    }

    [Fact]
    public void A_failed_init_container_is_listed_apart_from_the_app_containers()
    {
        using var ctx = fx.Context(culture: "en");
        var cut = Containers(ctx, Fixture("pod-init-error"));
        Assert.Equal(["Init containers", "Containers"], cut.FindAll("h3.subsection").Select(h => h.TextContent));
        Assert.StartsWith("Terminated, Error, exit code 1", cut.Find("[data-testid=container-schema] .container-state").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduling_shows_node_tolerations_and_affinity_in_both_languages()
    {
        using var en = fx.Context(culture: "en");
        var cut = Scheduling(en, Fixture("pod-env-refs"));
        Assert.Equal("/cluster/nodes/demo-worker", cut.Find("dl.scheduling a").GetAttribute("href"));
        Assert.Contains("node.kubernetes.io/not-ready:NoExecute op=Exists for 300s", cut.Markup);
        Assert.Contains("Must not run with pods app=catalog in the same kubernetes.io/hostname", cut.Markup);
        using var zh = fx.Context(culture: "zh-CN");
        var zhCut = Scheduling(zh, Fixture("pod-env-refs"));
        Assert.Contains("容忍", zhCut.Markup);
        Assert.Contains("不得与 app=catalog 的 Pod 位于同一 kubernetes.io/hostname", zhCut.Markup);
    }

    [Fact]
    public void Volumes_link_to_their_claims()
    {
        using var ctx = fx.Context(culture: "en");
        var cut = Volumes(ctx, Fixture("pod-env-refs"));
        Assert.Equal("/ns/shop/persistentvolumeclaims/catalog-data", cut.Find(".volumes-table a").GetAttribute("href"));
        Assert.Contains("persistentVolumeClaim", cut.Find(".volumes-table").TextContent);
    }

    [Fact]
    public async Task A_deployment_shows_its_pod_template_without_state()
    {
        await using var ctx = fx.Context(culture: "en");
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        var deployment = await admin.GetAsync(Deployment.Resource, "shop", "catalog");
        var cut = Containers(ctx, deployment, Deployment.Resource);
        Assert.Contains("From the pod template", cut.Find("[data-testid=qos]").TextContent);
        Assert.Empty(cut.FindAll(".container-state"));
        Assert.Contains("ghcr.io/acme-demo/catalog:1.9.0", cut.Markup);
        Assert.NotEmpty(cut.FindAll(".env-table a"));
    }
}
