using Dashboard.E2E.Pages;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Models;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The logs viewer in a browser against the demo cluster: follow, previous of a crashed container, merged workload logs.</summary>
public sealed class LogsTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    private KubeApiClient Admin() => new(KubeClientSettingsLoader.Explicit(fx.Emulator.Url, fx.Emulator.AdminToken, fx.Emulator.CaPem));

    private async Task<KubeObject> PodOf(string ns, string app, Func<KubeObject, bool> ready)
    {
        using var admin = Admin();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var pods = await admin.ListAsync(Pod.Resource, ns, new ListOptions { LabelSelector = "app=" + app });
            if (pods.Items.FirstOrDefault(ready) is { } pod) return pod;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no pod of {app} in {ns} is ready for the test");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Following_a_pods_logs_from_its_detail_page_shows_new_lines()
    {
        var pod = await PodOf("shop", "frontend", p => p.GetString("status.phase") == "Running");
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        await page.GotoAsync($"/ns/shop/pods/{pod.Name}");
        await page.GetByRole(AriaRole.Link, new() { Name = "View logs" }).ClickAsync();

        var logs = new LogsPage(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Logs pod/{pod.Name}" })).ToBeVisibleAsync();
        await Assertions.Expect(logs.Lines.First).ToBeVisibleAsync();
        var before = await logs.LineCountAsync();
        await logs.WaitForMoreThanAsync(before);
        await Assertions.Expect(page.GetByTestId("log-status")).ToContainTextAsync("Following");

        await logs.Search.FillAsync("GET");
        // Case-insensitive by default: every highlight is some casing of the query.
        await Assertions.Expect(logs.Log.Locator("mark").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[Gg][Ee][Tt]$"));
    }

    [Fact]
    public async Task The_previous_logs_of_a_crashed_container_show_how_it_ended()
    {
        var pod = await PodOf("payments", "fraud-detector",
            p => p.Json["status"]?["containerStatuses"]?[0]?["lastState"]?["terminated"] is not null);
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        await page.GotoAsync($"/ns/payments/pods/{pod.Name}/logs");

        var logs = new LogsPage(page);
        await logs.Previous.CheckAsync();
        await Assertions.Expect(logs.Lines.Filter(new() { HasText = "exiting with status 1" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_merged_logs_of_a_deployment_show_every_pod_with_its_prefix()
    {
        using var admin = Admin();
        var pods = await admin.ListAsync(Pod.Resource, "shop", new ListOptions { LabelSelector = "app=frontend" });
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        await page.GotoAsync("/ns/shop/deployments.apps/frontend");
        await page.GetByRole(AriaRole.Link, new() { Name = "View the merged logs of all its pods" }).ClickAsync();

        var logs = new LogsPage(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Logs deployment/frontend" })).ToBeVisibleAsync();
        var running = pods.Items.Where(p => p.GetString("status.phase") == "Running").Select(p => p.Name).ToList();
        Assert.True(running.Count >= 2);
        foreach (var name in running)
            await Assertions.Expect(logs.Prefixes.Filter(new() { HasText = $"[pod/{name}/nginx]" }).First).ToBeVisibleAsync();
    }
}
