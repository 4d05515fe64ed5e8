using Bunit;
using Dashboard.Core.Caching;
using Dashboard.Core.Streams;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Logs;
using Dashboard.Web.Session;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

/// <summary>The logs viewer over live sessions of the demo cluster: search, highlight, match navigation, filter, merged prefixes.</summary>
public sealed class LogViewerTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private async Task<string> FrontendPod()
    {
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var pods = await admin.ListAsync(Pod.Resource, "shop", new Kubernetes.Client.ListOptions { LabelSelector = "app=frontend" });
            if (pods.Items.FirstOrDefault(p => p.GetString("status.phase") == "Running") is { } running) return running.Name;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("no running frontend pod in the demo");
            await Task.Delay(100);
        }
    }

    private static int Lines(IRenderedComponent<LogViewer> cut) =>
        int.Parse(cut.Find("[data-testid=line-count]").TextContent.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Search_highlights_every_match_walks_them_and_can_filter_the_lines()
    {
        var pod = await FrontendPod();
        await using var ctx = fx.Context();
        var session = ctx.Services.GetRequiredService<UserSession>();
        var logs = ctx.Services.GetRequiredService<LogStreamService>();
        var cut = ctx.Render<LogViewer>(p => p
            .Add(c => c.Title, "pod/" + pod)
            .Add(c => c.Containers, ["nginx"])
            .Add(c => c.Open, r => logs.OpenPod(session.Cluster.Name, session.Identity, "shop", pod, r)));
        cut.WaitForAssertion(() => Assert.True(Lines(cut) >= 5), Wait);

        cut.Find("input[type=search]").Input("get");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("mark")), Wait);
        Assert.All(cut.FindAll("mark"), m => Assert.Equal("get", m.TextContent, ignoreCase: true));
        Assert.Matches(@"^0 of \d+ matching lines$", cut.Find("[data-testid=match-count]").TextContent);

        cut.Find("button[aria-label='Next match']").Click();
        Assert.Matches(@"^1 of \d+ matching lines$", cut.Find("[data-testid=match-count]").TextContent);
        Assert.Single(cut.FindAll(".current-match"));
        cut.Find("button[aria-label='Previous match']").Click();
        var count = int.Parse(cut.Find("[data-testid=match-count]").TextContent.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"{count} of {count}", cut.Find("[data-testid=match-count]").TextContent, StringComparison.Ordinal);

        cut.FindAll(".logs-search input[type=checkbox]")[0].Change(true); // only matching lines
        cut.WaitForAssertion(() => Assert.All(cut.FindAll(".log-line"), l => Assert.Contains("get", l.TextContent, StringComparison.OrdinalIgnoreCase)), Wait);

        cut.Find("input[type=search]").Input("no such text anywhere");
        cut.WaitForAssertion(() => Assert.Equal("No matches", cut.Find("[data-testid=match-count]").TextContent), Wait);
        Assert.Empty(cut.FindAll(".log-line"));
        Assert.True(cut.Find("button[aria-label='Next match']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Merged_logs_of_a_deployment_prefix_each_line_with_its_pod_and_pause_holds_new_lines()
    {
        await using var ctx = fx.Context();
        var session = ctx.Services.GetRequiredService<UserSession>();
        var logs = ctx.Services.GetRequiredService<LogStreamService>();
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        var deployment = await admin.GetAsync(Deployment.Resource, "shop", "frontend");
        var cut = ctx.Render<LogViewer>(p => p
            .Add(c => c.Title, "deployment/frontend")
            .Add(c => c.Merged, true)
            .Add(c => c.Open, r => logs.OpenWorkload(session.Cluster.Name, session.Identity, deployment, r)));

        cut.WaitForAssertion(() => Assert.True(cut.FindAll(".log-prefix").Select(p => p.TextContent).Distinct().Count() >= 2), Wait);
        Assert.All(cut.FindAll(".log-prefix"), p => Assert.Matches(@"^\[pod/frontend-[a-z0-9]+-[a-z0-9]+/nginx\]$", p.TextContent.Trim()));

        cut.Find("button:contains('Pause')").Click();
        var held = Lines(cut);
        cut.WaitForAssertion(() => Assert.Matches(@"Paused: [1-9]\d* new lines waiting", cut.Find("[data-testid=log-status]").TextContent), Wait);
        Assert.Equal(held, Lines(cut));
        cut.Find("button:contains('Resume')").Click();
        cut.WaitForAssertion(() => Assert.True(Lines(cut) > held), Wait);
    }
}
