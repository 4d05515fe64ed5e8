using Bunit;
using Dashboard.Web.Components.Controls;
using static Dashboard.Web.Tests.Frontend.FrontendTestAssets;

namespace Dashboard.Web.Tests.Frontend;

[Collection(FrontendCollection.Name)]
public sealed class DiffViewTests(WebFixture fx)
{
    [Fact]
    public void Shows_both_texts_and_the_number_of_changes()
    {
        using var ctx = fx.Context();
        var (module, handle) = MockWidget(ctx, "merge");
        handle.Setup<int>("changeCount", _ => true).SetResult(2);
        var counts = new List<int>();
        var cut = ctx.Render<DiffView>(p => p
            .Add(c => c.Original, "replicas: 1\n")
            .Add(c => c.Proposed, "replicas: 3\n")
            .Add(c => c.ChangeCountChanged, n => counts.Add(n)));

        cut.WaitForAssertion(() => Assert.Equal("2 changed block(s)", cut.Find(".diff-count").TextContent.Trim()));
        var options = CreateCall(module).Arguments[1];
        Assert.Equal("replicas: 1\n", Option(options, "original"));
        Assert.Equal("replicas: 3\n", Option(options, "proposed"));
        Assert.Equal("split", Option(options, "mode"));
        Assert.Equal(true, Option(options, "collapseUnchanged"));
        Assert.Equal([2], counts);
        Assert.Equal(2, cut.Instance.ChangeCount);
    }

    [Fact]
    public void New_texts_replace_the_content_and_equal_texts_say_no_changes()
    {
        using var ctx = fx.Context();
        var (_, handle) = MockWidget(ctx, "merge");
        var count = handle.Setup<int>("changeCount", _ => true);
        count.SetResult(1);
        var cut = ctx.Render<DiffView>(p => p.Add(c => c.Original, "a: 1\n").Add(c => c.Proposed, "a: 2\n"));
        cut.WaitForAssertion(() => Assert.Equal("1 changed block(s)", cut.Find(".diff-count").TextContent.Trim()));

        handle.Setup<int>("changeCount", _ => true).SetResult(0);
        cut.Render(p => p.Add(c => c.Original, "a: 1\n").Add(c => c.Proposed, "a: 1\n"));

        var set = Assert.Single(Calls(handle, "setContent"));
        Assert.Equal(["a: 1\n", "a: 1\n"], set.Arguments);
        cut.WaitForAssertion(() => Assert.Equal("No changes", cut.Find(".diff-count").TextContent.Trim()));
        Assert.True(cut.Find("button[aria-label='Next change']").HasAttribute("disabled"));
        Assert.True(cut.Find("button[aria-label='Previous change']").HasAttribute("disabled"));
    }

    [Fact]
    public void The_toolbar_switches_layout_and_steps_through_changes()
    {
        using var ctx = fx.Context();
        var (_, handle) = MockWidget(ctx, "merge");
        handle.Setup<int>("changeCount", _ => true).SetResult(3);
        var cut = ctx.Render<DiffView>(p => p.Add(c => c.Original, "a: 1\n").Add(c => c.Proposed, "a: 2\n"));
        cut.WaitForAssertion(() => Assert.Equal("3 changed block(s)", cut.Find(".diff-count").TextContent.Trim()));

        cut.FindAll(".rz-selectbar .rz-button").Single(b => b.TextContent.Contains("Unified")).Click();
        Assert.Equal("unified", Assert.Single(Calls(handle, "setMode")).Arguments[0]);

        cut.Find("button[aria-label='Next change']").Click();
        cut.Find("button[aria-label='Previous change']").Click();
        Assert.Single(Calls(handle, "nextChange"));
        Assert.Single(Calls(handle, "previousChange"));
    }

    [Fact]
    public void A_mode_from_the_parent_wins()
    {
        using var ctx = fx.Context();
        var (module, handle) = MockWidget(ctx, "merge");
        var cut = ctx.Render<DiffView>(p => p.Add(c => c.Mode, DiffMode.Unified).Add(c => c.ShowToolbar, false));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".diff-host").GetAttribute("data-ready")));
        Assert.Equal("unified", Option(CreateCall(module).Arguments[1], "mode"));
        Assert.Empty(cut.FindAll(".diff-toolbar"));

        cut.Render(p => p.Add(c => c.Mode, DiffMode.SideBySide).Add(c => c.ShowToolbar, false));
        Assert.Equal("split", Assert.Single(Calls(handle, "setMode")).Arguments[0]);
    }
}
