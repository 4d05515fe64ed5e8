using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Streams;

/// <summary>
/// Opens shells in containers with the signed-in user's credential: picks the container, checks it runs, tries each
/// shell in turn (bash, then sh) and tells "no shell in this image" and "pods/exec forbidden" apart from other failures.
/// </summary>
public sealed class TerminalService(KubeClientPool clients)
{
    /// <summary>Opens a shell.</summary>
    /// <exception cref="TerminalException">The shell could not be opened; <see cref="TerminalException.Error"/> says why.</exception>
    public async Task<TerminalSession> OpenAsync(string cluster, string identity, string ns, string pod, TerminalRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shells.Count == 0 || request.Shells.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("at least one shell, none empty", nameof(request));
        var client = clients.Get(cluster, identity);
        var container = await CheckAsync(client, ns, pod, request.Container, ct).ConfigureAwait(false);
        var tried = new List<string>();
        foreach (var shell in request.Shells)
        {
            tried.Add(shell);
            ExecSession exec;
            try
            {
                exec = await client.ExecAsync(ns, pod, new ExecOptions([shell]) { Container = container, Stdin = true, Tty = true }, ct).ConfigureAwait(false);
            }
            catch (KubeApiException e)
            {
                throw Refused(e, ns, pod, container);
            }
            catch (KubeConnectionException e)
            {
                throw new TerminalException(TerminalError.Connection, ns, pod, container, e.Message, e);
            }
            var started = false;
            try
            {
                if (request.Columns > 0 && request.Rows > 0) await exec.ResizeAsync(request.Columns, request.Rows, ct).ConfigureAwait(false);
                started = await StartedAsync(exec, request.StartTimeout, ct).ConfigureAwait(false);
            }
            finally
            {
                if (!started) await exec.DisposeAsync().ConfigureAwait(false);
            }
            if (started) return new TerminalSession(exec, ns, pod, container, shell);
            var result = await exec.Completion.ConfigureAwait(false);
            if (!IsNotFound(result.Message))
                throw new TerminalException(TerminalError.Failed, ns, pod, container, result.Message ?? $"exit code {result.ExitCode}");
        }
        throw new TerminalException(TerminalError.NoShell, ns, pod, container, string.Join(", ", tried));
    }

    /// <summary>
    /// A shell with a TTY prints a prompt at once; a missing binary ends the exec with a status and no output. Output
    /// first (or nothing either way for a while) means the shell runs.
    /// </summary>
    private static async Task<bool> StartedAsync(ExecSession exec, TimeSpan timeout, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            return await exec.Output.WaitToReadAsync(wait.Token).ConfigureAwait(false) || !exec.Completion.IsCompleted;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return true;
        }
    }

    private static bool IsNotFound(string? message) =>
        message is not null && (message.Contains("executable file not found", StringComparison.Ordinal)
                                || message.Contains("no such file or directory", StringComparison.Ordinal));

    /// <summary>Reads the pod: it must exist, have the container, and the container must run (clear messages before any WebSocket).</summary>
    private static async Task<string> CheckAsync(KubeApiClient client, string ns, string name, string? container, CancellationToken ct)
    {
        KubeObject pod;
        try
        {
            pod = await client.GetAsync(Pod.Resource, ns, name, ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            throw new TerminalException(TerminalError.PodNotFound, ns, name, container, e.Message, e);
        }
        catch (KubeApiException e)
        {
            throw Refused(e, ns, name, container);
        }
        catch (KubeConnectionException e)
        {
            throw new TerminalException(TerminalError.Connection, ns, name, container, e.Message, e);
        }
        container ??= DefaultContainer(pod);
        var state = container is null ? null : ContainerStates.Of(pod, container);
        if (container is null || state is null)
            throw new TerminalException(TerminalError.ContainerNotFound, ns, name, container, null);
        if (pod.GetString("status.phase") is "Succeeded" or "Failed" && !state.Running)
            throw new TerminalException(TerminalError.ContainerNotRunning, ns, name, container, pod.GetString("status.phase"));
        if (!state.Running)
            throw new TerminalException(TerminalError.ContainerNotRunning, ns, name, container,
                state.WaitingReason ?? (state.ExitReason is { } r ? $"{r} ({state.ExitCode})" : "terminated"));
        return container;
    }

    /// <summary>kubectl's choice: the default-container annotation, else the first container.</summary>
    internal static string? DefaultContainer(KubeObject pod)
    {
        if (pod.Annotations.TryGetValue("kubectl.kubernetes.io/default-container", out var annotated) && ContainerStates.Of(pod, annotated) is not null)
            return annotated;
        return (pod.Spec?["containers"] as JsonArray)?.OfType<JsonObject>().Select(c => (string?)c["name"]).FirstOrDefault();
    }

    private static TerminalException Refused(KubeApiException e, string ns, string pod, string? container) => e.StatusCode switch
    {
        HttpStatusCode.Forbidden => new TerminalException(TerminalError.Forbidden, ns, pod, container, e.Message, e),
        HttpStatusCode.Unauthorized => new TerminalException(TerminalError.Unauthorized, ns, pod, container, e.Message, e),
        HttpStatusCode.NotFound => new TerminalException(TerminalError.PodNotFound, ns, pod, container, e.Message, e),
        HttpStatusCode.BadRequest => new TerminalException(TerminalError.ContainerNotRunning, ns, pod, container, e.Message, e),
        _ => new TerminalException(TerminalError.Failed, ns, pod, container, e.Message, e),
    };
}
