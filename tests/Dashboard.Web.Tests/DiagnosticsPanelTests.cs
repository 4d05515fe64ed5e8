using Bunit;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Diagnostics;

namespace Dashboard.Web.Tests;

public sealed class DiagnosticsPanelTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static IReadOnlyList<DiagnosticRow> Diagnose(ResourceKind kind, string fixture, IReadOnlyList<KubeObject>? related = null) =>
        DiagnosticSources.For(kind)!.Diagnose(ActionFixtures.Object(fixture), related ?? []);

    [Theory]
    [InlineData("pod-recommendations", "ImagePullBackOff")]
    [InlineData("pod-fraud-detector", "CrashLoopBackOff")]
    [InlineData("pod-ledger-worker", "OOMKilled")]
    [InlineData("pod-report-builder", "Unschedulable")]
    public void Each_demo_pod_failure_has_its_finding(string fixture, string code) =>
        Assert.Equal(code, Assert.Single(Diagnose(Pod.Resource, fixture)).Finding.Code);

    [Fact]
    public void A_failing_probe_is_found_from_the_pods_events() =>
        Assert.Equal("ProbeFailing", Assert.Single(Diagnose(Pod.Resource, "pod-legacy-api", ActionFixtures.Items("events-unhealthy"))).Finding.Code);

    [Fact]
    public void A_pending_claim_is_explained_by_its_events()
    {
        var row = Assert.Single(Diagnose(PersistentVolumeClaim.Resource, "pvc-analytics-scratch", ActionFixtures.Items("events-analytics-scratch")));
        Assert.Equal("ClaimPending", row.Finding.Code);
        Assert.False(string.IsNullOrEmpty(row.Finding.Detail));
    }

    [Fact]
    public void A_workload_lists_its_own_finding_then_its_pods_problems_with_the_pod_named()
    {
        var rows = Diagnose(Deployment.Resource, "deployment-fraud-detector", [ActionFixtures.Object("pod-fraud-detector")]);
        Assert.Equal(["ReplicasUnavailable", "CrashLoopBackOff"], rows.Select(r => r.Finding.Code));
        Assert.Equal([null, "fraud-detector-9cc454bc8-qmwsf"], rows.Select(r => r.Pod));
    }

    [Fact]
    public void Healthy_objects_and_undiagnosed_kinds_have_nothing()
    {
        Assert.Empty(Diagnose(Pod.Resource, "pod-frontend"));
        Assert.Null(DiagnosticSources.For(ConfigMap.Resource));
    }

    [Fact]
    public void The_panel_shows_a_crash_loop_with_a_link_to_the_previous_logs()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<DiagnosticsSection>(p => p.Add(d => d.Kind, Pod.Resource).Add(d => d.Object, ActionFixtures.Object("pod-fraud-detector")));
        cut.WaitForAssertion(() => cut.Find(".finding[data-code=CrashLoopBackOff]"), TimeSpan.FromSeconds(10));
        var finding = cut.Find(".finding[data-code=CrashLoopBackOff]");
        Assert.Equal("Container detector keeps crashing and is restarted with back-off.", finding.QuerySelector(".finding-summary")!.TextContent);
        Assert.Contains("container detector", finding.TextContent, StringComparison.Ordinal);
        Assert.Equal("/ns/payments/pods/fraud-detector-9cc454bc8-qmwsf/logs?previous=true&container=detector", finding.QuerySelector("a.finding-logs")!.GetAttribute("href"));
    }

    [Fact]
    public void The_panel_is_empty_for_a_healthy_pod()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<DiagnosticsSection>(p => p.Add(d => d.Kind, Pod.Resource).Add(d => d.Object, ActionFixtures.Object("pod-frontend")));
        Assert.Empty(cut.FindAll(".diagnostics-panel"));
    }

    [Fact]
    public void Summaries_are_localized_by_code()
    {
        using var ctx = fx.Context(culture: "zh-CN");
        var cut = ctx.Render<DiagnosticsSection>(p => p.Add(d => d.Kind, Pod.Resource).Add(d => d.Object, ActionFixtures.Object("pod-recommendations")));
        cut.WaitForAssertion(() => cut.Find(".finding-summary"), TimeSpan.FromSeconds(10));
        Assert.StartsWith("容器 recommendations 的镜像无法拉取", cut.Find(".finding-summary").TextContent, StringComparison.Ordinal);
    }
}
