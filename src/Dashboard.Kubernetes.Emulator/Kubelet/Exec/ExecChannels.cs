using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec;

/// <summary>
/// The channel.k8s.io framing over a WebSocket: every binary message is <c>[channel][payload]</c>. Outgoing writes are
/// serialized; incoming stdin bytes, resize messages and v5's "stdin closed" signal are read by one loop.
/// </summary>
internal sealed class ExecChannels(WebSocket socket, bool tty)
{
    public const byte Stdin = 0, Stdout = 1, Stderr = 2, Error = 3, Resize = 4, Close = 255;
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly Channel<byte[]> _stdin = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Bytes the client typed or piped, completed when stdin closes or the client leaves.</summary>
    public ChannelReader<byte[]> StdinReader => _stdin.Reader;

    /// <summary>Raised with (width, height) for each resize message.</summary>
    public event Action<int, int>? Resized;

    public async Task SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame.AsMemory(1));
        await _send.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.SendAsync(frame, WebSocketMessageType.Binary, true, ct).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Writes text to stdout or stderr; with a tty, line feeds become CR LF as a terminal driver would make them.</summary>
    public Task WriteAsync(byte channel, string text, CancellationToken ct)
    {
        if (text.Length == 0) return Task.CompletedTask;
        if (tty) text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        return SendAsync(channel, Encoding.UTF8.GetBytes(text), ct);
    }

    /// <summary>Reads client messages until the socket closes.</summary>
    public async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var data = message.ToArray();
                message.SetLength(0);
                if (data.Length == 0) continue;
                switch (data[0])
                {
                    case Stdin when data.Length > 1:
                        _stdin.Writer.TryWrite(data[1..]);
                        break;
                    case Resize:
                        OnResize(data.AsSpan(1));
                        break;
                    case Close when data.Length > 1 && data[1] == Stdin:
                        _stdin.Writer.TryComplete();
                        break;
                }
            }
        }
        catch (WebSocketException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _stdin.Writer.TryComplete();
        }
    }

    private void OnResize(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
            var width = doc.RootElement.TryGetProperty("Width", out var w) ? w.GetInt32() : 80;
            var height = doc.RootElement.TryGetProperty("Height", out var h) ? h.GetInt32() : 24;
            Resized?.Invoke(width, height);
        }
        catch (System.Text.Json.JsonException)
        {
        }
    }
}
