using Bunit;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests;

public sealed class ResourceListTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task Rows_follow_the_watch_when_a_change_batch_arrives()
    {
        await using var ctx = fx.Context();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/configmaps?ns=shop");
        var cut = ctx.Render<ResourceList>(p => p.Add(c => c.KindSegment, "configmaps"));
        cut.WaitForAssertion(() => Assert.Contains("Live", cut.Find(".informer-status").TextContent), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent == "added-live");

        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        await admin.CreateAsync(ConfigMap.Resource, "shop", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "added-live" } });
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("a"), a => a.TextContent == "added-live"), TimeSpan.FromSeconds(10));

        await admin.DeleteAsync(ConfigMap.Resource, "shop", "added-live");
        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent == "added-live"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_unknown_kind_says_so()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<ResourceList>(p => p.Add(c => c.KindSegment, "nosuchthings"));
        cut.WaitForAssertion(() => Assert.Contains("There is no kind \"nosuchthings\"", cut.Find("[role=alert]").TextContent), TimeSpan.FromSeconds(10));
    }
}
