using Bunit;
using Dashboard.Web.Components.Controls;
using Microsoft.JSInterop;
using static Dashboard.Web.Tests.Frontend.FrontendTestAssets;

namespace Dashboard.Web.Tests.Frontend;

[Collection(FrontendCollection.Name)]
public sealed class TerminalViewTests(WebFixture fx)
{
    [Fact]
    public async Task Output_goes_to_the_terminal_and_input_and_size_come_back()
    {
        await using var ctx = fx.Context();
        var (module, handle) = MockWidget(ctx, "terminal");
        var typed = new List<string>();
        var sizes = new List<TerminalSize>();
        var ready = false;
        var cut = ctx.Render<TerminalView>(p => p
            .Add(c => c.Input, t => { typed.Add(t); return Task.CompletedTask; })
            .Add(c => c.Resize, s => { sizes.Add(s); return Task.CompletedTask; })
            .Add(c => c.OnReady, () => ready = true)
            .Add(c => c.FontSize, 15));
        cut.WaitForAssertion(() => Assert.True(ready));
        var create = CreateCall(module);
        Assert.Equal(15, Option(create.Arguments[2], "fontSize"));
        Assert.Equal(true, Option(create.Arguments[2], "copyOnSelect"));
        var view = ((DotNetObjectReference<TerminalView>)create.Arguments[1]!).Value;

        await cut.InvokeAsync(() => view.OnResizeFromJs(120, 40));
        await cut.InvokeAsync(() => view.OnInputFromJs("echo hello\r"));
        Assert.Equal([new TerminalSize(120, 40)], sizes);
        Assert.Equal(new TerminalSize(120, 40), cut.Instance.Size);
        Assert.Equal(["echo hello\r"], typed);

        await cut.InvokeAsync(() => cut.Instance.WriteAsync("hello\r\n"u8.ToArray()));
        await cut.InvokeAsync(() => cut.Instance.WriteAsync(ReadOnlyMemory<byte>.Empty));
        await cut.InvokeAsync(() => cut.Instance.WriteLineAsync("[session ended]"));
        var write = Assert.Single(Calls(handle, "write"));
        Assert.Equal("hello\r\n"u8.ToArray(), Assert.IsType<byte[]>(write.Arguments[0]));
        Assert.Equal("[session ended]", Assert.Single(Calls(handle, "writeln")).Arguments[0]);
    }

    [Fact]
    public async Task Writes_made_before_the_terminal_opened_wait_for_it()
    {
        await using var ctx = fx.Context();
        var handle = new RecordingJSObject();
        var module = new RecordingJSObject { Result = (method, _) => method == "create" ? handle : null };
        // The browser is still downloading the module: import() has not resolved yet.
        var import = new PendingImport();
        ctx.JSInterop.AddInvocationHandler(import);
        var cut = ctx.Render<TerminalView>();

        var early = cut.InvokeAsync(() => cut.Instance.WriteAsync("early output"));
        Assert.False(early.IsCompleted);

        import.SetResult(module);
        await early;
        Assert.Contains(handle.Calls, c => c.Method == "write" && Equals(c.Args[0], "early output"));
    }

    private sealed class PendingImport() : JSRuntimeInvocationHandler<IJSObjectReference>(inv => inv.Identifier == "import", isCatchAllHandler: false);

    [Fact]
    public async Task Nonsense_sizes_are_ignored_and_dispose_releases_the_widget()
    {
        var ctx = fx.Context();
        var (module, handle) = MockWidget(ctx, "terminal");
        var sizes = new List<TerminalSize>();
        var cut = ctx.Render<TerminalView>(p => p.Add(c => c.Resize, s => { sizes.Add(s); return Task.CompletedTask; }));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".terminal-view").GetAttribute("data-ready")));
        var view = ((DotNetObjectReference<TerminalView>)CreateCall(module).Arguments[1]!).Value;

        await cut.InvokeAsync(() => view.OnResizeFromJs(0, 24));
        Assert.Empty(sizes);

        var terminal = cut.Instance;
        await ctx.DisposeAsync();
        Assert.Single(Calls(handle, "dispose"));
        // After disposal, late calls from the browser and the page are no-ops.
        await view.OnInputFromJs("x");
        await terminal.WriteAsync("late");
        Assert.Empty(Calls(handle, "write"));
    }
}
