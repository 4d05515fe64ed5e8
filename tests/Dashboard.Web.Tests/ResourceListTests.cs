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
        cut.WaitForAssertion(() => Assert.Contains("Live", cut.Find(".informer-status").TextContent), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent == "added-live");

        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        await admin.CreateAsync(ConfigMap.Resource, "shop", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "added-live" } });
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("a"), a => a.TextContent == "added-live"), TimeSpan.FromSeconds(30));

        await admin.DeleteAsync(ConfigMap.Resource, "shop", "added-live");
        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent == "added-live"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Row_checkboxes_show_the_selection_after_select_all_and_clear()
    {
        // The rows render inside the grid: a selection change must reach them at once, not at the next watch event,
        // or a row still looks selected after the selection was cleared (and a click on it does nothing).
        using var ctx = fx.Context();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/configmaps?ns=shop");
        var cut = ctx.Render<ResourceList>(p => p.Add(c => c.KindSegment, "configmaps"));
        // The shop namespace has several config maps; the header's box counts as one more.
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("input[type=checkbox][aria-label^='Select ']").Count > 2), TimeSpan.FromSeconds(30));
        var rows = cut.FindAll("input[type=checkbox][aria-label^='Select ']").Count;

        cut.Find("input[type=checkbox][aria-label='Select all rows']").Change(true);
        cut.WaitForAssertion(() => Assert.All(cut.FindAll("input[type=checkbox][aria-label^='Select ']"), c => Assert.True(c.HasAttribute("checked"), c.GetAttribute("aria-label"))));
        Assert.Contains($"{rows - 1} selected", cut.Find(".bulk-bar").TextContent);

        cut.Find(".bulk-bar").QuerySelectorAll("button").Last().Click();
        cut.WaitForAssertion(() => Assert.All(cut.FindAll("input[type=checkbox][aria-label^='Select ']"), c => Assert.False(c.HasAttribute("checked"), c.GetAttribute("aria-label"))));
        Assert.Empty(cut.FindAll(".bulk-bar"));
    }

    [Fact]
    public void An_unknown_kind_says_so()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<ResourceList>(p => p.Add(c => c.KindSegment, "nosuchthings"));
        cut.WaitForAssertion(() => Assert.Contains("There is no kind \"nosuchthings\"", cut.Find("[role=alert]").TextContent), TimeSpan.FromSeconds(30));
    }
}
