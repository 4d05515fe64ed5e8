using Bunit;
using Dashboard.Web.Components.Controls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Radzen;
using static Dashboard.Web.Tests.Frontend.FrontendTestAssets;

namespace Dashboard.Web.Tests.Frontend;

[Collection(FrontendCollection.Name)]
public sealed class CodeEditorTests(WebFixture fx)
{
    [Fact]
    public void Opens_the_editor_module_with_the_text_and_options()
    {
        using var ctx = fx.Context();
        var (module, _) = MockWidget(ctx, "editor");
        var cut = ctx.Render<CodeEditor>(p => p.Add(c => c.Text, "kind: Pod\n").Add(c => c.ReadOnly, true).Add(c => c.DebounceMs, 150));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".code-editor").GetAttribute("data-ready")));
        var create = CreateCall(module);
        Assert.IsType<DotNetObjectReference<CodeEditor>>(create.Arguments[1]);
        var options = create.Arguments[2];
        Assert.Equal("kind: Pod\n", Option(options, "text"));
        Assert.Equal(true, Option(options, "readOnly"));
        Assert.Equal(false, Option(options, "dark"));
        Assert.Equal(150, Option(options, "debounceMs"));
        Assert.Equal("YAML editor", cut.Find(".code-editor").GetAttribute("aria-label"));
    }

    [Fact]
    public void Parameter_changes_reach_the_editor_and_only_real_changes_are_sent()
    {
        using var ctx = fx.Context();
        var (_, handle) = MockWidget(ctx, "editor");
        var cut = ctx.Render<CodeEditor>(p => p.Add(c => c.Text, "a: 1\n"));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".code-editor").GetAttribute("data-ready")));

        cut.Render(p => p.Add(c => c.Text, "a: 2\n"));
        cut.Render(p => p.Add(c => c.Text, "a: 2\n"));
        var setText = Assert.Single(Calls(handle, "setText"));
        Assert.Equal("a: 2\n", setText.Arguments[0]);
        Assert.Equal(false, setText.Arguments[1]);

        cut.Render(p => p.Add(c => c.Text, "a: 2\n").Add(c => c.ReadOnly, true));
        Assert.Equal(true, Assert.Single(Calls(handle, "setReadOnly")).Arguments[0]);

        var errors = new[] { new CodeEditorError(3, 7, "spec.replicas: Invalid value", CodeEditorSeverity.Error), new CodeEditorError(1, null, "note", CodeEditorSeverity.Info) };
        cut.Render(p => p.Add(c => c.Text, "a: 2\n").Add(c => c.ReadOnly, true).Add(c => c.Errors, errors));
        // A new list with the same problems is not sent again.
        cut.Render(p => p.Add(c => c.Text, "a: 2\n").Add(c => c.ReadOnly, true).Add(c => c.Errors, errors.ToList()));
        var marked = Assert.IsAssignableFrom<System.Collections.IEnumerable>(Assert.Single(Calls(handle, "markErrors")).Arguments[0]).Cast<object>().ToList();
        Assert.Equal(2, marked.Count);
        Assert.Equal(3, Option(marked[0], "line"));
        Assert.Equal(7, Option(marked[0], "column"));
        Assert.Equal("spec.replicas: Invalid value", Option(marked[0], "message"));
        Assert.Equal("error", Option(marked[0], "severity"));
        Assert.Null(Option(marked[1], "column"));
        Assert.Equal("info", Option(marked[1], "severity"));
    }

    [Fact]
    public async Task A_user_edit_is_reported_once_and_not_echoed_back()
    {
        using var ctx = fx.Context();
        var (module, handle) = MockWidget(ctx, "editor");
        var reported = new List<string>();
        var text = "a: 1\n";
        var cut = ctx.Render<CodeEditor>(p => p.Add(c => c.Text, text).Add(c => c.TextChanged, t => reported.Add(t)));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".code-editor").GetAttribute("data-ready")));
        var editor = ((DotNetObjectReference<CodeEditor>)CreateCall(module).Arguments[1]!).Value;

        await cut.InvokeAsync(() => editor.OnChangeFromJs("a: 1\nb: 2\n"));
        await cut.InvokeAsync(() => editor.OnChangeFromJs("a: 1\nb: 2\n"));
        Assert.Equal(["a: 1\nb: 2\n"], reported);

        // The parent binds the reported text back: the editor already has it.
        cut.Render(p => p.Add(c => c.Text, "a: 1\nb: 2\n"));
        Assert.Empty(Calls(handle, "setText"));
    }

    [Fact]
    public async Task A_large_edit_is_read_as_a_stream()
    {
        using var ctx = fx.Context();
        var (module, handle) = MockWidget(ctx, "editor");
        var big = "data:\n  blob: " + new string('é', 60_000) + "\n";
        var stream = new FakeJSStream(big);
        handle.Setup<IJSStreamReference>("getTextBytes", _ => true).SetResult(stream);
        string? reported = null;
        var cut = ctx.Render<CodeEditor>(p => p.Add(c => c.OnChange, t => reported = t));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".code-editor").GetAttribute("data-ready")));
        var editor = ((DotNetObjectReference<CodeEditor>)CreateCall(module).Arguments[1]!).Value;

        await cut.InvokeAsync(() => editor.OnChangeLargeFromJs(big.Length));

        Assert.Equal(big, reported);
        Assert.True(stream.MaxAllowedSize >= 8 * 1024 * 1024);
    }

    [Fact]
    public async Task Flush_takes_the_unreported_text_before_a_save()
    {
        using var ctx = fx.Context();
        var (_, handle) = MockWidget(ctx, "editor");
        handle.Setup<bool>("flush", _ => true).SetResult(true);
        handle.Setup<IJSStreamReference>("getTextBytes", _ => true).SetResult(new FakeJSStream("typed: just now\n"));
        var reported = new List<string>();
        var cut = ctx.Render<CodeEditor>(p => p.Add(c => c.Text, "typed: before\n").Add(c => c.TextChanged, t => reported.Add(t)));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".code-editor").GetAttribute("data-ready")));

        var text = await cut.InvokeAsync(() => cut.Instance.FlushAsync());

        Assert.Equal("typed: just now\n", text);
        Assert.Equal(["typed: just now\n"], reported);
        Assert.Single(Calls(handle, "flush"));
    }

    [Fact]
    public async Task Follows_the_app_theme_and_disposes_its_widget()
    {
        var ctx = fx.Context();
        var (_, handle) = MockWidget(ctx, "editor");
        var cut = ctx.Render<CodeEditor>(p => p.Add(c => c.Text, "a: 1\n"));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".code-editor").GetAttribute("data-ready")));

        var themes = ctx.Services.GetRequiredService<ThemeService>();
        await cut.InvokeAsync(() => themes.SetTheme("material-dark"));
        cut.WaitForAssertion(() => Assert.Equal(true, Assert.Single(Calls(handle, "setTheme")).Arguments[0]));

        await ctx.DisposeAsync();
        Assert.Single(Calls(handle, "dispose"));
    }
}
