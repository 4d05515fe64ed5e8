using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Client;

/// <summary>What to run in a container.</summary>
public sealed record ExecOptions(IReadOnlyList<string> Command)
{
    /// <summary>Container (required when the pod has several).</summary>
    public string? Container { get; init; }
    /// <summary>Attach stdin.</summary>
    public bool Stdin { get; init; }
    /// <summary>Allocate a terminal (stderr is merged into stdout).</summary>
    public bool Tty { get; init; }
}

/// <summary>A chunk of output from the container.</summary>
public sealed record ExecOutput(int Stream, ReadOnlyMemory<byte> Data)
{
    /// <summary>Stream number of stdout.</summary>
    public const int StdOut = 1;
    /// <summary>Stream number of stderr.</summary>
    public const int StdErr = 2;
}

/// <summary>How the remote command ended.</summary>
/// <param name="ExitCode">The exit code (0 on success); null when the server reported a failure without one.</param>
/// <param name="Message">The server's message on failure.</param>
public sealed record ExecResult(int? ExitCode, string? Message)
{
    /// <summary>True when the command exited 0.</summary>
    public bool Success => ExitCode == 0;
}

/// <summary>
/// An exec (or attach) session over the Kubernetes WebSocket channel protocol (v5.channel.k8s.io, falling back to v4):
/// stdin, stdout, stderr, terminal resize, and the exit code from the status channel.
/// </summary>
public sealed class ExecSession : IAsyncDisposable
{
    private const byte StdinChannel = 0, StatusChannel = 3, ResizeChannel = 4, CloseChannel = 255;
    private readonly ClientWebSocket _socket;
    private readonly Channel<ExecOutput> _output = Channel.CreateUnbounded<ExecOutput>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<ExecResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    private ExecSession(ClientWebSocket socket)
    {
        _socket = socket;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The negotiated protocol (v5.channel.k8s.io or v4.channel.k8s.io).</summary>
    public string Protocol => _socket.SubProtocol ?? "";

    /// <summary>Output chunks as they arrive; completes when the command ends.</summary>
    public ChannelReader<ExecOutput> Output => _output.Reader;

    /// <summary>Completes with the exit code when the command ends.</summary>
    public Task<ExecResult> Completion => _result.Task;

    internal static async Task<ExecSession> ConnectAsync(KubeApiClient client, string ns, string pod, ExecOptions options, string subresource, CancellationToken ct)
    {
        var settings = client.Settings;
        var query = new StringBuilder();
        foreach (var c in options.Command) query.Append("&command=").Append(Uri.EscapeDataString(c));
        if (options.Container is { Length: > 0 } container) query.Append("&container=").Append(Uri.EscapeDataString(container));
        query.Append("&stdin=").Append(options.Stdin ? "true" : "false");
        query.Append("&stdout=true");
        query.Append("&stderr=").Append(options.Tty ? "false" : "true");
        query.Append("&tty=").Append(options.Tty ? "true" : "false");
        var baseUri = new UriBuilder(settings.Server) { Scheme = settings.Server.Scheme == "http" ? "ws" : "wss" }.Uri;
        var uri = new Uri(baseUri, Pod.Resource.ItemPath(ns, pod, subresource) + "?" + query.ToString(1, query.Length - 1));

        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("v5.channel.k8s.io");
        socket.Options.AddSubProtocol("v4.channel.k8s.io");
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.RemoteCertificateValidationCallback = TlsTrust.Callback(settings);
        if (settings.Credential.ClientCertificate is { } cert) socket.Options.ClientCertificates = [cert];
        if (await settings.Credential.GetTokenAsync(ct).ConfigureAwait(false) is { } token)
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, ct).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            var code = socket.HttpStatusCode;
            socket.Dispose();
            if ((int)code >= 400)
                throw new KubeApiException(code, code.ToString(), $"exec into {ns}/{pod} was refused: {(int)code} {code}", retryAfter: null);
            throw new KubeConnectionException(KubeConnectionFailure.Other, $"the exec WebSocket to {settings.Server} failed: {e.Message}", e);
        }
        return new ExecSession(socket);
    }

    /// <summary>Sends bytes to the command's stdin.</summary>
    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default) => SendAsync(StdinChannel, data, ct);

    /// <summary>Sends text to stdin (UTF-8).</summary>
    public Task WriteStdinAsync(string text, CancellationToken ct = default) => WriteStdinAsync(Encoding.UTF8.GetBytes(text), ct);

    /// <summary>Tells the terminal its new size.</summary>
    public Task ResizeAsync(int columns, int rows, CancellationToken ct = default) =>
        SendAsync(ResizeChannel, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Serialization.TerminalSize(columns, rows), Serialization.KubeJsonContext.Default.TerminalSize), ct);

    /// <summary>Closes stdin (end of input); needs v5, a no-op on v4.</summary>
    public Task CloseStdinAsync(CancellationToken ct = default) =>
        Protocol == "v5.channel.k8s.io" ? SendAsync(CloseChannel, new byte[] { StdinChannel }, ct) : Task.CompletedTask;

    /// <summary>Runs until the end and collects stdout and stderr as text.</summary>
    public async Task<(string StdOut, string StdErr, ExecResult Result)> CollectAsync(CancellationToken ct = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        await foreach (var chunk in Output.ReadAllAsync(ct).ConfigureAwait(false))
            (chunk.Stream == ExecOutput.StdErr ? stderr : stdout).Append(Encoding.UTF8.GetString(chunk.Data.Span));
        return (stdout.ToString(), stderr.ToString(), await Completion.WaitAsync(ct).ConfigureAwait(false));
    }

    private async Task SendAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = channel;
        data.CopyTo(frame.AsMemory(1));
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Binary, true, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        ExecResult? result = null;
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close) break;
                    message.Write(buffer, 0, received.Count);
                } while (!received.EndOfMessage);
                if (received.MessageType == WebSocketMessageType.Close) break;
                var bytes = message.ToArray();
                if (bytes.Length == 0) continue;
                var channel = bytes[0];
                var payload = bytes.AsMemory(1);
                if (channel == StatusChannel) result = ParseStatus(payload.Span);
                else if (payload.Length > 0) await _output.Writer.WriteAsync(new ExecOutput(channel, payload)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            result ??= new ExecResult(null, $"the exec connection ended: {e.Message}");
        }
        _output.Writer.TryComplete();
        _result.TrySetResult(result ?? new ExecResult(null, "the exec stream closed without a status"));
    }

    /// <summary>Reads the status channel: Success → 0, NonZeroExitCode → its code, other failures → their message.</summary>
    internal static ExecResult ParseStatus(ReadOnlySpan<byte> json)
    {
        JsonObject? status;
        try { status = JsonNode.Parse(json) as JsonObject; }
        catch (System.Text.Json.JsonException) { return new ExecResult(null, "unreadable exec status"); }
        if ((string?)status?["status"] == "Success") return new ExecResult(0, null);
        if ((string?)status?["reason"] == "NonZeroExitCode")
        {
            var causes = status?["details"]?["causes"] as JsonArray ?? [];
            var exit = causes.OfType<JsonObject>().FirstOrDefault(c => (string?)c["reason"] == "ExitCode");
            if (int.TryParse((string?)exit?["message"], out var code)) return new ExecResult(code, (string?)status?["message"]);
        }
        return new ExecResult(null, (string?)status?["message"] ?? "exec failed");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _pump.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}

public sealed partial class KubeApiClient
{
    /// <summary>Starts a command in a container over WebSocket (exec).</summary>
    public Task<ExecSession> ExecAsync(string ns, string pod, ExecOptions options, CancellationToken ct = default) =>
        ExecSession.ConnectAsync(this, ns, pod, options, "exec", ct);

    /// <summary>Attaches to a running container's process.</summary>
    public Task<ExecSession> AttachAsync(string ns, string pod, ExecOptions options, CancellationToken ct = default) =>
        ExecSession.ConnectAsync(this, ns, pod, options with { Command = [] }, "attach", ct);
}
