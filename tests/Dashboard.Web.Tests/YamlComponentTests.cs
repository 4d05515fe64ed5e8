using Bunit;
using Dashboard.Core.Editing;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

/// <summary>The diff view, the error-mapping components, the conflict dialog and the edit page's permission gate.</summary>
public sealed class YamlComponentTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Fact]
    public void The_diff_lists_changed_fields_and_marks_added_and_removed_lines_with_their_numbers()
    {
        using var ctx = fx.Context();
        var before = "spec:\n  replicas: 1\n  paused: false\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"  k{i}: v\n"));
        var after = before.Replace("  replicas: 1\n", "  replicas: 3\n", StringComparison.Ordinal).Replace("  paused: false\n", "", StringComparison.Ordinal);
        var diff = new EditDiff(before, after,
        [
            new FieldChange("spec.replicas", FieldChangeKind.Changed, "1", "3"),
            new FieldChange("spec.paused", FieldChangeKind.Removed, "false", null),
        ]);

        var cut = ctx.Render<YamlDiff>(p => p.Add(c => c.Diff, diff));

        Assert.Equal("2 changed field(s)", cut.Find("h3").TextContent);
        Assert.Equal([("spec.replicas", "1 → 3"), ("spec.paused", "− false")], cut.FindAll(".yaml-change").Select(li => (li.QuerySelector("code")!.TextContent, li.QuerySelector("span")!.TextContent)));
        var removed = cut.FindAll("tr.diff-removed").Select(r => (r.QuerySelector(".diff-no")!.TextContent, r.QuerySelector("pre")!.TextContent)).ToList();
        Assert.Equal([("2", "  replicas: 1"), ("3", "  paused: false")], removed);
        var added = Assert.Single(cut.FindAll("tr.diff-added"));
        Assert.Equal(("2", "  replicas: 3"), (added.QuerySelectorAll(".diff-no")[1].TextContent, added.QuerySelector("pre")!.TextContent));
        Assert.Contains("17 unchanged lines", cut.Find("tr.diff-collapsed").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_show_line_column_and_field_and_report_the_one_picked()
    {
        using var ctx = fx.Context();
        EditProblem? picked = null;
        IReadOnlyList<EditProblem> problems =
        [
            new("Invalid value: -1: must be greater than or equal to 0", "spec.replicas", 12, 3),
            new("Required value", "spec.selector.matchLabels", 9, 1, Exact: false),
            new("yaml: line 4, column 7: did not find expected key", null, 4, 7),
            new("a cause without a field", null, null, null, false),
        ];

        var cut = ctx.Render<YamlProblems>(p => p.Add(c => c.Problems, problems).Add(c => c.OnSelect, (EditProblem e) => picked = e));

        var items = cut.FindAll("li.yaml-problem");
        Assert.Equal(["12", "9", "4", ""], items.Select(i => i.GetAttribute("data-line") ?? ""));
        Assert.Equal("Line 12, column 3", items[0].QuerySelector("button")!.TextContent);
        Assert.Equal("spec.replicas", items[0].QuerySelector("code")!.TextContent);
        Assert.Contains("shown at spec.selector", items[1].TextContent, StringComparison.Ordinal);
        Assert.Null(items[3].QuerySelector("button"));
        Assert.Equal("alert", cut.Find("section").GetAttribute("role"));

        items[1].QuerySelector("button")!.Click();
        Assert.Equal(problems[1], picked);
    }

    [Fact]
    public void No_problems_render_nothing()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<YamlProblems>(p => p.Add(c => c.Problems, []));
        Assert.Empty(cut.Markup.Trim());
    }

    [Fact]
    public void Problems_are_shown_in_chinese()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            using var ctx = fx.Context(culture: "zh-CN");
            var cut = ctx.Render<YamlProblems>(p => p.Add(c => c.Problems, [new EditProblem("x", "spec.replicas", 3, 5)]));
            Assert.Equal("第 3 行，第 5 列", cut.Find("button").TextContent);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void The_conflict_dialog_offers_three_choices_and_shows_the_servers_version_against_the_users_text()
    {
        using var ctx = fx.Context();
        var choices = new List<ConflictResolution>();
        var server = new KubeObject(new System.Text.Json.Nodes.JsonObject());
        var conflict = new EditConflict(server, "spec:\n  replicas: 5\n", "spec:\n  replicas: 2\n");

        var cut = ctx.Render<EditConflictDialog>(p => p.Add(c => c.Conflict, conflict).Add(c => c.Message, "Someone else changed it")
            .Add(c => c.OnResolve, (ConflictResolution r) => choices.Add(r)));

        Assert.Equal("dialog", cut.Find("[role=dialog]").GetAttribute("role"));
        var buttons = cut.FindAll(".yaml-conflict-actions button");
        Assert.Equal(["Reload and re-apply my changes", "Overwrite their changes", "Cancel and load their version"], buttons.Select(b => b.TextContent.Trim()));
        Assert.Equal("  replicas: 2", cut.Find("tr.diff-removed pre").TextContent);
        Assert.Equal("  replicas: 5", cut.Find("tr.diff-added pre").TextContent);
        foreach (var b in buttons) b.Click();
        Assert.Equal([ConflictResolution.Reapply, ConflictResolution.Overwrite, ConflictResolution.Cancel], choices);
    }

    [Fact]
    public void A_viewer_gets_the_editor_read_only_with_the_reason_and_no_apply()
    {
        using var ctx = fx.Context("viewer");
        var cut = ctx.Render<YamlEdit>(p => p.Add(c => c.Namespace, "shop").Add(c => c.KindSegment, "deployments.apps").Add(c => c.Name, "frontend"));

        cut.WaitForAssertion(() => Assert.True(cut.FindComponent<CodeEditor>().Instance.ReadOnly), TimeSpan.FromSeconds(10));
        Assert.Contains("Read-only", cut.Find(".yaml-readonly").TextContent, StringComparison.Ordinal);
        Assert.Contains("update", cut.Find(".yaml-readonly").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Apply", StringComparison.Ordinal) || b.TextContent.Contains("Dry run", StringComparison.Ordinal));
        Assert.Contains("kind: Deployment", cut.FindComponent<CodeEditor>().Instance.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edit_page_dry_runs_then_applies_and_a_bad_field_is_listed_at_its_line()
    {
        await using var ctx = fx.Context("admin");
        var cut = ctx.Render<YamlEdit>(p => p.Add(c => c.Namespace, "shop").Add(c => c.KindSegment, "configmaps").Add(c => c.Name, "frontend-config"));
        cut.WaitForAssertion(() => Assert.Contains("kind: ConfigMap", Text(cut), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var apply = () => cut.FindAll("button").Single(b => b.TextContent.Contains("Apply", StringComparison.Ordinal));
        Assert.True(apply().HasAttribute("disabled"));

        var bad = Text(cut).Replace("kind: ConfigMap\n", "kind: ConfigMap\nunknownTopLevel: 1\n", StringComparison.Ordinal);
        await Type(cut, bad);
        cut.FindAll("button").Single(b => b.TextContent.Contains("Dry run", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("li.yaml-problem").GetAttribute("data-line")), TimeSpan.FromSeconds(10));
        Assert.Equal("unknownTopLevel", cut.Find("li.yaml-problem code").TextContent);

        var good = Text(cut).Replace("unknownTopLevel: 1\n", "", StringComparison.Ordinal).Replace("\ndata:\n", "\ndata:\n  added-by-test: \"yes\"\n", StringComparison.Ordinal);
        await Type(cut, good);
        cut.FindAll("button").Single(b => b.TextContent.Contains("Dry run", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.False(apply().HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        Assert.Contains(cut.FindAll(".yaml-change code"), c => c.TextContent == "data.added-by-test");

        apply().Click();
        cut.WaitForAssertion(() => Assert.Contains("was updated", cut.Find(".yaml-outcome").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        var stored = await admin.GetAsync(ConfigMap.Resource, "shop", "frontend-config");
        Assert.Equal("yes", (string?)stored.Json["data"]!["added-by-test"]);
    }

    private static string Text(IRenderedComponent<YamlEdit> cut) => cut.FindComponent<CodeEditor>().Instance.Text;

    // What the editor reports after the user typed (its debounced change event).
    private static Task Type(IRenderedComponent<YamlEdit> cut, string text)
    {
        var editor = cut.FindComponent<CodeEditor>();
        return cut.InvokeAsync(() => editor.Instance.TextChanged.InvokeAsync(text));
    }
}
