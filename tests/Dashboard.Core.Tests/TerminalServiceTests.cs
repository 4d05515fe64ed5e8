using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Core.Streams;

namespace Dashboard.Core.Tests;

/// <summary>Shells in containers over the emulator's exec WebSocket.</summary>
public sealed class TerminalServiceTests(StreamFixture fx) : IClassFixture<StreamFixture>
{
    private const string Sleeper = "while true; do sleep 3600; done";
    private string Admin => fx.Cluster.AdminIdentity;

    private Task<TerminalSession> Open(string ns, string pod, TerminalRequest request, string? identity = null) =>
        fx.Terminals.OpenAsync("emulator", identity ?? Admin, ns, pod, request);

    /// <summary>Collects a session's output as text in the background.</summary>
    private sealed class Screen
    {
        private readonly StringBuilder _text = new();

        public Screen(TerminalSession session) => Pump = Task.Run(async () =>
        {
            await foreach (var chunk in session.ReadOutputAsync())
                lock (_text) _text.Append(Encoding.UTF8.GetString(chunk.Span));
        });

        public Task Pump { get; }
        public string Text { get { lock (_text) return _text.ToString(); } }

        public Task Shows(string what) => StreamFixture.Eventually(() => Task.FromResult(Text.Contains(what, StringComparison.Ordinal)), $"\"{what}\" on screen; got: {Text}");
    }

    private int ExecRequestsDone(string ns, string pod) =>
        fx.Cluster.Emulator.Context.Requests.Entries.Count(r => r.Path == $"/api/v1/namespaces/{ns}/pods/{pod}/exec");

    [Fact]
    public async Task Bash_falls_back_to_sh_runs_a_command_and_dispose_closes_the_websocket()
    {
        var ns = await fx.NewNamespace("term-echo");
        await fx.ShellPod(ns, "box", ("main", Sleeper));
        await fx.Running(ns, "box");

        var session = await Open(ns, "box", new TerminalRequest { Columns = 120, Rows = 40 });
        var screen = new Screen(session);
        await using (session)
        {
            Assert.Equal("sh", session.Shell); // busybox has no bash
            Assert.Equal("main", session.Container);
            Assert.Equal("v5.channel.k8s.io", session.Protocol);
            await screen.Shows("/ # ");
            await session.WriteAsync("echo hello\r");
            await screen.Shows("hello\r\n/ # ");
            await session.WriteAsync("stty size\r");
            await screen.Shows("40 120");
            await session.ResizeAsync(100, 30);
            await session.WriteAsync("stty size\r");
            await screen.Shows("30 100");
            Assert.False(session.Completion.IsCompleted);
        }
        await screen.Pump.WaitAsync(TimeSpan.FromSeconds(10));
        // One failed bash attempt, then the sh session: both handlers returned, so no WebSocket is left open.
        await StreamFixture.Eventually(() => Task.FromResult(ExecRequestsDone(ns, "box") == 2), "both exec WebSockets closed on the server");
    }

    [Fact]
    public async Task Bash_is_used_where_the_image_has_it_and_exit_ends_the_session()
    {
        var ns = await fx.NewNamespace("term-bash");
        await fx.Pod(ns, "web", new JsonObject { ["name"] = "nginx", ["image"] = "nginx:1.27" });
        await fx.Running(ns, "web");

        await using var session = await Open(ns, "web", new TerminalRequest());
        var screen = new Screen(session);
        Assert.Equal("bash", session.Shell);
        await screen.Shows("root@web:/# ");
        await session.WriteAsync("exit 4\r");
        var exit = await session.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, exit.ExitCode);
    }

    [Fact]
    public async Task No_shell_forbidden_and_not_running_are_typed_errors()
    {
        var ns = await fx.NewNamespace("term-errors");
        await fx.ShellPod(ns, "box", ("main", Sleeper));
        await fx.Running(ns, "box");

        var noShell = await Assert.ThrowsAsync<TerminalException>(() => Open(ns, "box", new TerminalRequest { Shells = ["bash"] }));
        Assert.Equal(TerminalError.NoShell, noShell.Error);
        Assert.StartsWith("Container main has no shell: tried bash.", noShell.Message, StringComparison.Ordinal);

        var viewer = await fx.Viewer("term-viewer", ns);
        var forbidden = await Assert.ThrowsAsync<TerminalException>(() => Open(ns, "box", new TerminalRequest(), viewer));
        Assert.Equal(TerminalError.Forbidden, forbidden.Error);
        Assert.StartsWith("You may not open a shell in pod box: pods/exec is not allowed for you in namespace term-errors.", forbidden.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<TerminalException>(() => Open(ns, "ghost", new TerminalRequest()));
        Assert.Equal(TerminalError.PodNotFound, missing.Error);

        var noContainer = await Assert.ThrowsAsync<TerminalException>(() => Open(ns, "box", new TerminalRequest { Container = "nope" }));
        Assert.Equal(TerminalError.ContainerNotFound, noContainer.Error);
        Assert.Equal("Pod box has no container nope.", noContainer.Message);

        await fx.Pod(ns, "pulling", new JsonObject { ["name"] = "app", ["image"] = "registry.invalid/app:1" });
        var waiting = await Assert.ThrowsAsync<TerminalException>(() => Open(ns, "pulling", new TerminalRequest()));
        Assert.Equal(TerminalError.ContainerNotRunning, waiting.Error);
        Assert.StartsWith("Container app of pod pulling is not running: ", waiting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_choices_always_fall_back_to_sh()
    {
        Assert.Equal(["bash", "sh"], TerminalRequest.ShellsFor(null));
        Assert.Equal(["sh"], TerminalRequest.ShellsFor("sh"));
        Assert.Equal(["ash", "sh"], TerminalRequest.ShellsFor("ash"));
    }
}
