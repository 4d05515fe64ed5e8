using Dashboard.E2E.Pages;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The "why is this not healthy" panel for each failure mode of the demo cluster.</summary>
public sealed class DiagnosticsE2ETests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    private ClusterState Cluster => new(fx.Emulator);

    private async Task<ObjectPage> SignInAsync()
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        return new ObjectPage(page);
    }

    private string PodOf(string ns, string workload) =>
        Cluster.List("", "pods", ns).Select(p => (string)p["metadata"]!["name"]!).Order(StringComparer.Ordinal).First(n => n.StartsWith(workload + "-", StringComparison.Ordinal));

    [Theory]
    [InlineData("shop", "recommendations", "ImagePullBackOff")]
    [InlineData("payments", "fraud-detector", "CrashLoopBackOff")]
    [InlineData("payments", "ledger-worker", "OOMKilled")]
    [InlineData("data", "report-builder", "Unschedulable")]
    public async Task A_workload_and_its_pod_explain_the_failure(string ns, string workload, string code)
    {
        var p = await SignInAsync();
        await p.OpenAsync($"/ns/{ns}/deployments.apps/{workload}");
        await Assertions.Expect(p.Finding("ReplicasUnavailable")).ToBeVisibleAsync();
        await Assertions.Expect(p.Finding(code)).ToBeVisibleAsync();

        var pod = PodOf(ns, workload);
        await p.OpenAsync($"/ns/{ns}/pods/{pod}");
        var finding = p.Finding(code);
        await Assertions.Expect(finding).ToBeVisibleAsync();
        await Assertions.Expect(finding.Locator(".finding-summary")).Not.ToBeEmptyAsync();
        if (code is "CrashLoopBackOff" or "OOMKilled")
        {
            var container = (string)Cluster.Get("", "pods", ns, pod)!["spec"]!["containers"]![0]!["name"]!;
            await Assertions.Expect(finding.GetByRole(AriaRole.Link, new() { Name = "Logs of the previous container" }))
                .ToHaveAttributeAsync("href", $"/ns/{ns}/pods/{pod}/logs?previous=true&container={container}");
        }
    }

    [Fact]
    public async Task A_failing_readiness_probe_is_explained_from_the_pods_events()
    {
        var p = await SignInAsync();
        await p.OpenAsync($"/ns/shop/pods/{PodOf("shop", "legacy-api")}");
        await Assertions.Expect(p.Finding("ProbeFailing").Locator(".finding-summary")).ToHaveTextAsync("A probe is failing, so the pod gets no traffic.");
    }

    [Fact]
    public async Task A_pending_claim_is_explained()
    {
        var p = await SignInAsync();
        await p.OpenAsync("/ns/data/persistentvolumeclaims/analytics-scratch");
        await Assertions.Expect(p.Finding("ClaimPending")).ToBeVisibleAsync();
        await Assertions.Expect(p.Finding("ClaimPending").Locator(".finding-detail")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task A_healthy_object_has_no_panel_and_the_panel_speaks_chinese()
    {
        var p = await SignInAsync();
        await p.OpenAsync("/ns/data/deployments.apps/redis");
        await Assertions.Expect(p.Page.Locator("[data-section=metadata]")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.Locator("[data-section=diagnostics]")).ToBeHiddenAsync();

        var zh = await fx.NewPageAsync(locale: "zh-CN");
        await new SignInPage(zh).OpenAsync();
        await zh.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^admin ") }).ClickAsync();
        await zh.Locator("nav.nav-menu").WaitForAsync();
        await zh.GotoAsync("/ns/shop/deployments.apps/recommendations");
        await Assertions.Expect(zh.Locator(".finding[data-code=ImagePullBackOff] .finding-summary")).ToContainTextAsync("镜像无法拉取");
    }
}
