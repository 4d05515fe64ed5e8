using Bunit;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Projections;

/// <summary>The generic detail page picks up the workload sections from DI, for pods and for workloads.</summary>
public sealed class WorkloadDetailsPageTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Fact]
    public void A_stateful_sets_page_has_containers_volumes_and_scheduling_in_order()
    {
        using var ctx = fx.Context(culture: "en");
        var cut = ctx.Render<ResourceDetails>(p => p.Add(c => c.Namespace, "data").Add(c => c.KindSegment, "statefulsets.apps").Add(c => c.Name, "postgres"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=container-postgres]")), TimeSpan.FromSeconds(15));
        var sections = cut.FindAll("section[data-section]").Select(s => s.GetAttribute("data-section")).ToList();
        Assert.True(sections.IndexOf("containers") < sections.IndexOf("volumes") && sections.IndexOf("volumes") < sections.IndexOf("scheduling"), string.Join(",", sections));
        Assert.DoesNotContain("cronjob-jobs", sections);
    }

    [Fact]
    public void A_cron_jobs_page_reads_in_chinese()
    {
        using var ctx = fx.Context(culture: "zh-CN");
        var cut = ctx.Render<ResourceDetails>(p => p.Add(c => c.Namespace, "data").Add(c => c.KindSegment, "cronjobs.batch").Add(c => c.Name, "postgres-backup"));
        cut.WaitForAssertion(() => Assert.Contains("在 03:00", cut.Find("[data-testid=cronjob-next]").TextContent), TimeSpan.FromSeconds(15));
        Assert.Contains("任务", cut.Find("section[data-section=cronjob-jobs] h2").TextContent);
        Assert.Contains("容器", cut.Find("section[data-section=containers] h2").TextContent);
    }

    [Fact]
    public void A_config_map_page_has_no_workload_sections()
    {
        using var ctx = fx.Context(culture: "en");
        var cut = ctx.Render<ResourceDetails>(p => p.Add(c => c.Namespace, "shop").Add(c => c.KindSegment, "configmaps").Add(c => c.Name, "kube-root-ca.crt"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("section[data-section=metadata]")), TimeSpan.FromSeconds(15));
        Assert.Empty(cut.FindAll("section[data-section=containers]"));
    }
}
