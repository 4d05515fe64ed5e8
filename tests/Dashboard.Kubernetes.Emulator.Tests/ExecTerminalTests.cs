using System.Net.WebSockets;
using System.Text;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>
/// The interactive side of exec, driven over the WebSocket protocol directly (kubectl -it needs a real terminal):
/// the initial empty stdout frame, prompt, echo, backspace, resize, and the final status on channel 3.
/// </summary>
public sealed class ExecTerminalTests : IClassFixture<StreamsFixture>
{
    private readonly StreamsFixture _fx;

    public ExecTerminalTests(StreamsFixture fx)
    {
        _fx = fx;
        lock (fx)
        {
            var ctx = fx.Emulator.Context;
            if (ctx.Api.TryGet(ctx.Type("", "pods"), "default", "term") is not null) return;
            StreamsPods.Create(ctx, "default", "ticker", [StreamsPods.Container("loop", "busybox", ["sh", "-c", "while true; do echo tick; sleep 0.5; done"])], [StreamsPods.Running("loop", DateTimeOffset.UtcNow.AddMinutes(-1))]);
            StreamsPods.Create(ctx, "default", "term", [StreamsPods.Container("box", "busybox:1.36", ["sleep", "3600"])], [StreamsPods.Running("box", DateTimeOffset.UtcNow.AddMinutes(-1))]);
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(string query, string protocol = "v5.channel.k8s.io", string path = "term/exec")
    {
        var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol(protocol);
        ws.Options.SetRequestHeader("Authorization", "Bearer " + _fx.Emulator.AdminToken);
        ws.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var uri = new Uri($"wss://{_fx.Emulator.Url.Authority}/api/v1/namespaces/default/pods/{path}?{query}");
        await ws.ConnectAsync(uri, CancellationToken.None);
        Assert.Equal(protocol, ws.SubProtocol);
        return ws;
    }

    private static async Task<(byte Channel, string Text)?> ReceiveAsync(ClientWebSocket ws)
    {
        var buffer = new byte[64 * 1024];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(buffer, cts.Token);
            if (r.MessageType == WebSocketMessageType.Close) return null;
            ms.Write(buffer, 0, r.Count);
        }
        while (!r.EndOfMessage);
        var data = ms.ToArray();
        return (data[0], Encoding.UTF8.GetString(data, 1, data.Length - 1));
    }

    private static Task SendAsync(ClientWebSocket ws, byte channel, string text) =>
        ws.SendAsync((byte[])[channel, .. Encoding.UTF8.GetBytes(text)], WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>Reads stdout until <paramref name="until"/> appears; returns everything read.</summary>
    private static async Task<string> ReadUntilAsync(ClientWebSocket ws, string until)
    {
        var sb = new StringBuilder();
        while (!sb.ToString().Contains(until, StringComparison.Ordinal))
        {
            var frame = await ReceiveAsync(ws) ?? throw new Xunit.Sdk.XunitException($"closed before \"{until}\": {sb}");
            if (frame.Channel == 3) throw new Xunit.Sdk.XunitException($"status before \"{until}\": {frame.Text}");
            sb.Append(frame.Text);
        }
        return sb.ToString();
    }

    [Fact]
    public async Task Tty_shell_prompts_echoes_edits_and_reports_the_exit_code()
    {
        using var ws = await ConnectAsync("command=sh&stdin=true&stdout=true&tty=true");
        var first = await ReceiveAsync(ws);
        Assert.Equal((byte)1, first!.Value.Channel);
        Assert.Equal("", first.Value.Text);
        Assert.EndsWith("/ # ", await ReadUntilAsync(ws, "/ # "));

        await SendAsync(ws, 4, "{\"Width\":132,\"Height\":40}");
        await SendAsync(ws, 0, "echo hellp\u007fo\r");
        var echoed = await ReadUntilAsync(ws, "/ # ");
        Assert.Contains("echo hellp\b \bo\r\nhello\r\n/ # ", echoed);

        await SendAsync(ws, 0, "stty size; cd /etc; pwd\r");
        var size = await ReadUntilAsync(ws, "/etc # ");
        Assert.Contains("40 132\r\n/etc\r\n/etc # ", size);

        await SendAsync(ws, 0, "exit 4\r");
        string? status = null;
        while (await ReceiveAsync(ws) is { } frame)
            if (frame.Channel == 3) status = frame.Text;
        Assert.NotNull(status);
        Assert.Contains("\"reason\":\"NonZeroExitCode\"", status);
        Assert.Contains("\"message\":\"4\"", status);
    }

    [Fact]
    public async Task V4_protocol_and_stdout_stderr_split()
    {
        using var ws = await ConnectAsync("command=sh&command=-c&command=echo%20out;%20echo%20err%20%3E%262;%20ls%20/nope&stdout=true&stderr=true", "v4.channel.k8s.io");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        string? status = null;
        while (await ReceiveAsync(ws) is { } frame)
        {
            if (frame.Channel == 1) stdout.Append(frame.Text);
            else if (frame.Channel == 2) stderr.Append(frame.Text);
            else if (frame.Channel == 3) status = frame.Text;
        }
        Assert.Equal("out\n", stdout.ToString());
        Assert.Contains("ls: /nope: No such file or directory", stderr.ToString());
        Assert.Contains("\"message\":\"1\"", status);
    }

    [Fact]
    public async Task Attach_streams_what_the_main_process_writes()
    {
        using var ws = await ConnectAsync("stdout=true", path: "ticker/attach");
        Assert.Equal("", (await ReceiveAsync(ws))!.Value.Text);
        var output = await ReadUntilAsync(ws, "tick\ntick\n");
        Assert.StartsWith("tick\n", output);
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
    }
}
