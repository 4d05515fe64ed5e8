using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Columns;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Components.Workloads;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Projections;

/// <summary>The workload columns registered in the column registry, and the live pages that use them.</summary>
public sealed class WorkloadColumnsTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static KubeObject Fixture(string name) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!.AsObject());

    [Fact]
    public void Every_workload_kind_has_columns_and_pods_get_kubectls_status()
    {
        using var ctx = fx.Context(culture: "en");
        var registry = ctx.Services.GetRequiredService<ColumnRegistry>();
        foreach (var kind in new[] { Pod.Resource, Deployment.Resource, ReplicaSet.Resource, StatefulSet.Resource, DaemonSet.Resource, Job.Resource, CronJob.Resource })
            Assert.NotEmpty(registry.Columns(kind));
        var pod = Fixture("pod-fraud-detector");
        var now = new DateTimeOffset(2026, 11, 22, 1, 30, 0, TimeSpan.Zero);
        Assert.Equal(new ResourceStatus("CrashLoopBackOff", StatusTone.Bad), registry.Status(Pod.Resource, pod, now));
        var cells = registry.Columns(Pod.Resource).ToDictionary(c => c.Id, c => c.Text(pod, now));
        Assert.Equal("0/1", cells["ready"]);
        Assert.Matches(@"^\d+ \(\d+m(\d+s)? ago\)$", cells["restarts"]);
        Assert.Equal("Burstable", cells["qos"]);
        Assert.Equal("demo-worker", cells["node"]);
    }

    [Fact]
    public void Workload_statuses_are_localized_health_words()
    {
        var deployment = new KubeObject(JsonNode.Parse("""{"metadata":{"name":"d"},"spec":{"replicas":2},"status":{"readyReplicas":1,"availableReplicas":1,"updatedReplicas":2,"conditions":[{"type":"Available","status":"False"}]}}""")!.AsObject());
        using (var en = fx.Context(culture: "en"))
            Assert.Equal(new ResourceStatus("Degraded", StatusTone.Warning), en.Services.GetRequiredService<ColumnRegistry>().Status(Deployment.Resource, deployment, DateTimeOffset.UtcNow));
        using var zh = fx.Context(culture: "zh-CN");
        Assert.Equal(new ResourceStatus("降级", StatusTone.Warning), zh.Services.GetRequiredService<ColumnRegistry>().Status(Deployment.Resource, deployment, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Cron_job_columns_say_the_schedule_in_words_and_the_next_run()
    {
        var cj = new KubeObject(JsonNode.Parse("""{"metadata":{"name":"c"},"spec":{"schedule":"*/30 * * * *","suspend":false}}""")!.AsObject());
        var now = new DateTimeOffset(2026, 11, 22, 1, 58, 30, TimeSpan.Zero);
        using (var en = fx.Context(culture: "en"))
        {
            var cells = en.Services.GetRequiredService<ColumnRegistry>().Columns(CronJob.Resource).ToDictionary(c => c.Id, c => c.Text(cj, now));
            Assert.Equal(("Every 30 minutes", "in 90s", "No"), (cells["words"], cells["next"], cells["suspend"]));
        }
        using var zh = fx.Context(culture: "zh-CN");
        var zhCells = zh.Services.GetRequiredService<ColumnRegistry>().Columns(CronJob.Resource).ToDictionary(c => c.Id, c => c.Text(cj, now));
        Assert.Equal(("每 30 分钟", "90s后", "否"), (zhCells["words"], zhCells["next"], zhCells["suspend"]));
    }

    [Fact]
    public void The_pods_page_shows_the_demos_failures_as_kubectl_does()
    {
        using var ctx = fx.Context(culture: "en");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/pods?ns=payments");
        var cut = ctx.Render<ResourceList>(p => p.Add(c => c.KindSegment, "pods"));
        cut.WaitForAssertion(() => Assert.Contains("CrashLoopBackOff", cut.Markup), TimeSpan.FromSeconds(30));
        Assert.Contains("Restarts", cut.Markup);
        Assert.Contains("QoS", cut.Markup);
    }

    [Fact]
    public async Task A_cron_jobs_jobs_appear_live()
    {
        await using var ctx = fx.Context(culture: "en");
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        var cj = await admin.GetAsync(CronJob.Resource, "payments", "settlement");
        var cut = ctx.Render<CronJobJobsSection>(p => p.Add(c => c.Kind, CronJob.Resource).Add(c => c.Object, cj));
        Assert.Contains("Every 30 minutes", cut.Find("[data-testid=cronjob-next]").TextContent);
        cut.WaitForAssertion(() => Assert.Contains("No jobs yet.", cut.Markup), TimeSpan.FromSeconds(10));

        await admin.CreateAsync(Job.Resource, "payments", JsonNode.Parse("""
            {"metadata":{"name":"settlement-manual","ownerReferences":[{"apiVersion":"batch/v1","kind":"CronJob","name":"settlement","uid":"CRONJOB_UID","controller":true}]},
             "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"s","image":"busybox:1.36","command":["sh","-c","true"]}]}}}}
            """.Replace("CRONJOB_UID", cj.Uid, StringComparison.Ordinal))!.AsObject());
        cut.WaitForAssertion(() => Assert.Equal("/ns/payments/jobs.batch/settlement-manual", cut.Find(".jobs-table a").GetAttribute("href")), TimeSpan.FromSeconds(15));
    }
}

public sealed class RowMemoTests
{
    [Fact]
    public void Rows_are_projected_once_per_time_for_text_and_once_per_object_version_for_sorting()
    {
        var memo = new Dashboard.Web.Columns.Workloads.RowMemo<Dashboard.Core.Projections.PodRow>();
        var pod = new KubeObject(JsonNode.Parse("""{"metadata":{"name":"p","creationTimestamp":"2026-11-22T00:00:00Z"},"spec":{"containers":[{"name":"a"}]}}""")!.AsObject());
        var t1 = new DateTimeOffset(2026, 11, 22, 0, 0, 45, TimeSpan.Zero);
        var t2 = t1.AddSeconds(1);
        var first = memo.Get(pod, t1);
        Assert.Same(first, memo.Get(pod, t1));
        Assert.Same(first, memo.Timeless(pod, t2));
        var later = memo.Get(pod, t2);
        Assert.Equal(("45s", "46s"), (first.Age, later.Age));
        var replaced = new KubeObject((JsonObject)pod.Json.DeepClone());
        Assert.NotSame(later, memo.Timeless(replaced, t2));
    }
}
