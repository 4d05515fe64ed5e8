using Dashboard.E2E.Pages;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The workload columns and detail sections in a real browser, against the demo cluster.</summary>
public sealed class WorkloadPagesTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_crash_looping_pod_reads_as_kubectl_prints_it_and_its_details_show_the_last_exit()
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        var pods = new ResourceListPage(page);
        await pods.OpenAsync("/pods?ns=payments");
        var podName = fx.Emulator.Context.Store.List(fx.Emulator.Context.Type("", "pods"), "payments").Items
            .Select(p => p.Name).Single(n => n.StartsWith("fraud-detector-", StringComparison.Ordinal));
        var row = pods.Row(podName);
        await Assertions.Expect(row).ToContainTextAsync("CrashLoopBackOff", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ \(\d+(s|m\d*s?) ago\)"));
        await Assertions.Expect(row).ToContainTextAsync("0/1");

        await row.GetByRole(AriaRole.Link, new() { Name = podName, Exact = true }).ClickAsync();
        var containers = page.GetByRole(AriaRole.Region, new() { Name = "Containers" });
        var card = containers.GetByRole(AriaRole.Article, new() { Name = "detector" });
        await Assertions.Expect(card).ToContainTextAsync("Last state");
        await Assertions.Expect(card).ToContainTextAsync("exit code 1");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Scheduling" })).ToContainTextAsync("node.kubernetes.io/not-ready:NoExecute op=Exists for 300s");
    }

    [Fact]
    public async Task Cron_jobs_read_their_schedule_in_words_with_the_next_run()
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        var list = new ResourceListPage(page);
        await list.OpenAsync("/cronjobs.batch?ns=data");
        var row = list.Row("postgres-backup");
        await Assertions.Expect(row).ToContainTextAsync("At 03:00");
        await row.GetByRole(AriaRole.Link, new() { Name = "postgres-backup", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cronjob-next")).ToContainTextAsync("Next run:");
    }
}
