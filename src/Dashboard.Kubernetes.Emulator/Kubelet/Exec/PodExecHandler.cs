using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;
using Dashboard.Kubernetes.Emulator.Kubelet.Logs;
using Dashboard.Kubernetes.Emulator.Server;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec;

/// <summary>
/// pods/exec (and pods/attach) over WebSocket with the v5/v4 channel.k8s.io subprotocols. Problems found before the
/// upgrade are answered with a plain Status, as the API server does; afterwards the outcome travels on channel 3.
/// </summary>
internal sealed class PodExecHandler(EmulatorContext context, bool attach)
{
    private static readonly string[] Protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

    public async Task HandleAsync(ApiRequest request)
    {
        var http = request.Http;
        var method = http.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsPost(method))
            throw ApiException.MethodNotSupported(attach ? "pods/attach" : "pods/exec", method);
        var pods = request.Info.Type!;
        var pod = context.Api.TryGet(pods, request.Info.Namespace, request.Info.Name) ?? throw ApiException.NotFound(pods, request.Info.Name);
        var command = attach ? [] : request.QueryAll("command");
        if (!attach && command.Count == 0) throw ApiException.BadRequest("you must specify at least 1 command");
        var exec = new ExecRequest(command, request.QueryFlag("stdin"), request.QueryFlag("stdout"), request.QueryFlag("stderr"), request.QueryFlag("tty"));
        if (!exec.Stdin && !exec.Stdout && !exec.Stderr)
            throw ApiException.BadRequest("you must specify at least one of stdin, stdout, stderr");
        if (exec.Tty && exec.Stderr) exec = exec with { Stderr = false };
        var container = PodContainers.Resolve(pod, request.Query("container"));
        if (string.IsNullOrEmpty(pod.Str("spec.nodeName")))
            throw ApiException.BadRequest($"pod {pod.Name()} does not have a host assigned");
        if (pod.Str("status.phase") is "Succeeded" or "Failed")
            throw ApiException.BadRequest($"cannot exec into a container in a completed pod; current phase is {pod.Str("status.phase")}");
        if (container.Status?.At("state.running") is not JsonObject)
            throw ApiException.BadRequest($"container not found (\"{container.Name}\")");
        if (!http.WebSockets.IsWebSocketRequest)
            throw ApiException.BadRequest("Upgrade request required");

        var requested = http.WebSockets.WebSocketRequestedProtocols;
        var protocol = Protocols.FirstOrDefault(requested.Contains)
            ?? throw ApiException.BadRequest($"unable to upgrade: unsupported subprotocols {string.Join(", ", requested.Where(p => !p.StartsWith("base64url.", StringComparison.Ordinal)))}");
        var environment = ContainerEnvironment.Build(context, pod, container);
        var shell = new ShellInterpreter(environment, context.Clock.GetUtcNow);
        if (attach) exec = exec with { Command = environment.MainCommand.Count > 0 ? environment.MainCommand : ["sh"] };

        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = protocol }).ConfigureAwait(false);
        var ct = request.Aborted;
        var channels = new ExecChannels(socket, exec.Tty);
        channels.Resized += (w, h) => { shell.Columns = w; shell.Rows = h; };
        var receive = channels.ReceiveLoopAsync(ct);
        await channels.SendAsync(ExecChannels.Stdout, ReadOnlyMemory<byte>.Empty, ct).ConfigureAwait(false);

        JsonObject status;
        try
        {
            var session = new ExecSession(channels, shell, exec);
            var code = attach
                ? await AttachAsync(channels, ContainerRuns.Select(pod, container, false, context.Clock.GetUtcNow()), ct).ConfigureAwait(false)
                : await session.RunAsync(ct).ConfigureAwait(false);
            status = code == 0 ? Success() : NonZero(exec.Command, code);
        }
        catch (ExecNotFoundException e)
        {
            status = NotFound(e.Binary);
        }
        if (socket.State == WebSocketState.Open)
        {
            await channels.SendAsync(ExecChannels.Error, Json.Bytes(status), ct).ConfigureAwait(false);
            try
            {
                using var closeTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                closeTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", closeTimeout.Token).ConfigureAwait(false);
                await receive.WaitAsync(closeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
            {
            }
        }
        else if (socket.State == WebSocketState.CloseReceived)
        {
            // The client left first (detach, Ctrl-C): complete its close handshake.
            try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false); }
            catch (WebSocketException) { }
        }
    }

    /// <summary>
    /// Attach shows what the main process writes from now on: the container's log lines as they are produced, until
    /// the client detaches.
    /// </summary>
    private async Task<int> AttachAsync(ExecChannels channels, ContainerRun run, CancellationToken ct)
    {
        using var detached = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stdin = Task.Run(async () =>
        {
            await foreach (var _ in channels.StdinReader.ReadAllAsync(ct).ConfigureAwait(false)) { }
            await detached.CancelAsync().ConfigureAwait(false);
        }, ct);
        var last = run.LastIndexAt(context.Clock.GetUtcNow());
        try
        {
            if (run.Silent) await Task.Delay(Timeout.Infinite, detached.Token).ConfigureAwait(false);
            while (!detached.IsCancellationRequested)
            {
                var next = run.TimeOf(last + 1);
                var wait = next - context.Clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, detached.Token).ConfigureAwait(false);
                last++;
                await channels.WriteAsync(ExecChannels.Stdout, run.LineAt(last) + "\n", detached.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        await stdin.ConfigureAwait(false);
        return 0;
    }

    private static JsonObject Success() => new() { ["metadata"] = new JsonObject(), ["status"] = "Success" };

    private static JsonObject NonZero(IReadOnlyList<string> command, int code) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"command terminated with non-zero exit code: command '{string.Join(' ', command)}' exited with {code}: ",
        ["reason"] = "NonZeroExitCode",
        ["details"] = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = code.ToString(CultureInfo.InvariantCulture) }),
        },
    };

    private static JsonObject NotFound(string binary)
    {
        var execId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var inner = $"error executing command in container: failed to exec in container: failed to start exec \"{execId}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{binary}\": executable file not found in $PATH: unknown";
        return new JsonObject
        {
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = "Internal error occurred: " + inner,
            ["reason"] = "InternalError",
            ["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = inner }) },
            ["code"] = 500,
        };
    }
}
