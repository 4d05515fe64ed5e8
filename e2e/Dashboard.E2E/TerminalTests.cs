using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The xterm.js terminal over exec, end to end: browser → Blazor → exec WebSocket → emulator shell.</summary>
public sealed class TerminalTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_shell_runs_a_command_shows_its_output_and_follows_the_terminal_size()
    {
        var pod = await RunningBusyboxAsync("e2e-shell");
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");

        // From the pod's detail page, as a user finds it.
        await page.GotoAsync($"/ns/shop/pods/{pod}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open a shell in main" }).ClickAsync();
        var terminal = new TerminalPage(page);
        await terminal.WaitConnectedAsync();
        await Assertions.Expect(terminal.Status).ToHaveTextAsync("bash is not in this image; connected with sh in container main.");

        await terminal.TypeLineAsync("echo hello");
        await Assertions.Expect(terminal.RowsMatching("hello")).ToHaveCountAsync(1);
        await Assertions.Expect(terminal.RowsMatching("/ # echo hello")).ToHaveCountAsync(1);
        // The server saw an exec of sh into that container (after bash was refused).
        Assert.Contains(fx.Emulator.Context.Requests.Entries, r => r.Path == $"/api/v1/namespaces/shop/pods/{pod}/exec");

        // The shell learns the terminal's size, and its new size when the window shrinks.
        await terminal.TypeLineAsync("stty size");
        var first = await SizeRowAsync(terminal);
        await page.SetViewportSizeAsync(900, 700);
        await terminal.TypeLineAsync("clear; stty size");
        await Assertions.Expect(terminal.RowsMatching(@"\d+ \d+").Filter(new() { HasNotTextRegex = new System.Text.RegularExpressions.Regex("^\\s*" + first + "\\s*$") }))
            .ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_viewer_is_told_they_may_not_exec()
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("viewer");
        var terminal = await new TerminalPage(page).OpenAsync("shop", "any-pod");
        await Assertions.Expect(terminal.Problem).ToContainTextAsync("You may not open a shell in pod any-pod");
        await Assertions.Expect(terminal.Connect).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Bundles_are_served_and_the_npm_project_is_not()
    {
        var page = await fx.NewPageAsync();
        var manifest = await page.APIRequest.GetAsync("/dist/manifest.json");
        Assert.Equal((int)HttpStatusCode.OK, manifest.Status);
        var entries = JsonNode.Parse(await manifest.TextAsync())!["entries"]!.AsObject();
        foreach (var (_, file) in entries)
        {
            var module = await page.APIRequest.GetAsync("/dist/" + file);
            Assert.Equal((int)HttpStatusCode.OK, module.Status);
            Assert.StartsWith("text/javascript", module.Headers["content-type"]);
        }
        // Never the files themselves: a 404, or (for one-segment paths) the app's own page for an unknown kind.
        foreach (var hidden in new[] { "/package.json", "/package-lock.json", "/build.mjs", "/src/terminal.js", "/node_modules/@xterm/xterm/package.json" })
        {
            var response = await page.APIRequest.GetAsync(hidden);
            var body = await response.TextAsync();
            var type = response.Headers.TryGetValue("content-type", out var t) ? t : "";
            Assert.True(response.Status == (int)HttpStatusCode.NotFound || type.StartsWith("text/html", StringComparison.Ordinal), $"{hidden}: {response.Status} {type}");
            Assert.DoesNotContain("\"dependencies\"", body);
            Assert.DoesNotContain("esbuild", body);
        }
    }

    private static async Task<string> SizeRowAsync(TerminalPage terminal)
    {
        var row = terminal.RowsMatching(@"\d+ \d+").First;
        await row.WaitForAsync();
        return (await row.TextContentAsync())!.Trim();
    }

    private async Task<string> RunningBusyboxAsync(string name)
    {
        var pool = fx.App.Services.GetRequiredService<KubeClientPool>();
        var cluster = fx.App.Clusters.Default.Name;
        var admin = pool.Get(cluster, pool.SignIn(cluster, fx.Emulator.AdminToken));
        await admin.CreateAsync(Kubernetes.Models.Pod.Resource, "shop", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "main",
                    ["image"] = "busybox:1.36",
                    ["command"] = new JsonArray("sh", "-c", "while true; do sleep 3600; done"),
                }),
            },
        });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var pod = await admin.GetAsync(Kubernetes.Models.Pod.Resource, "shop", name);
            if ((pod.Status?["containerStatuses"] as JsonArray ?? []).Any(c => c?["state"]?["running"] is not null)) return name;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"pod shop/{name} did not start");
            await Task.Delay(100);
        }
    }
}
