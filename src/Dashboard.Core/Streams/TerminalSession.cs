using System.Runtime.CompilerServices;
using Dashboard.Kubernetes.Client;

namespace Dashboard.Core.Streams;

/// <summary>What to open: a container (null: the pod's default) and the shells to try, in order.</summary>
public sealed record TerminalRequest
{
    /// <summary>The container; null picks the <c>kubectl.kubernetes.io/default-container</c> annotation or the first container.</summary>
    public string? Container { get; init; }
    /// <summary>The shells to try in order (the first that exists wins).</summary>
    public IReadOnlyList<string> Shells { get; init; } = ["bash", "sh"];
    /// <summary>Initial terminal width in columns (0: leave the server's default).</summary>
    public int Columns { get; init; }
    /// <summary>Initial terminal height in rows.</summary>
    public int Rows { get; init; }
    /// <summary>How long to wait for a shell's first output before taking it as started (a shell that prints no prompt).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The shells for a user's choice: the chosen one, then <c>sh</c> as the fallback every image with a shell has.</summary>
    public static IReadOnlyList<string> ShellsFor(string? chosen) =>
        string.IsNullOrWhiteSpace(chosen) ? ["bash", "sh"] : chosen == "sh" ? ["sh"] : [chosen, "sh"];
}

/// <summary>How the shell ended.</summary>
/// <param name="ExitCode">Its exit code, or null when the connection ended without one.</param>
/// <param name="Message">The server's message on failure.</param>
public sealed record TerminalExit(int? ExitCode, string? Message);

/// <summary>
/// An interactive shell in a container over the exec WebSocket, with a TTY: output as it comes, input, resize. The
/// caller disposes it, which closes the WebSocket (and so ends the shell's exec on the server).
/// </summary>
public sealed class TerminalSession : IAsyncDisposable
{
    private readonly ExecSession _exec;
    private int _disposed;

    internal TerminalSession(ExecSession exec, string ns, string pod, string container, string shell)
    {
        _exec = exec;
        Namespace = ns;
        Pod = pod;
        Container = container;
        Shell = shell;
        Completion = Finish(exec);
    }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }
    /// <summary>The pod.</summary>
    public string Pod { get; }
    /// <summary>The container the shell runs in.</summary>
    public string Container { get; }
    /// <summary>The shell that started (e.g. <c>sh</c> after <c>bash</c> was not found).</summary>
    public string Shell { get; }
    /// <summary>The WebSocket subprotocol in use (v5.channel.k8s.io or v4.channel.k8s.io).</summary>
    public string Protocol => _exec.Protocol;
    /// <summary>Completes when the shell exits or the connection ends.</summary>
    public Task<TerminalExit> Completion { get; }

    /// <summary>The terminal's output (stdout; a TTY merges stderr into it) as it arrives; ends when the shell does.</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadOutputAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var chunk in _exec.Output.ReadAllAsync(ct).ConfigureAwait(false))
            yield return chunk.Data;
    }

    /// <summary>Sends keystrokes or pasted text.</summary>
    public Task WriteAsync(string text, CancellationToken ct = default) => _exec.WriteStdinAsync(text, ct);

    /// <summary>Sends raw input bytes.</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default) => _exec.WriteStdinAsync(data, ct);

    /// <summary>Tells the shell the terminal's new size.</summary>
    public Task ResizeAsync(int columns, int rows, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        return _exec.ResizeAsync(columns, rows, ct);
    }

    private static async Task<TerminalExit> Finish(ExecSession exec)
    {
        var result = await exec.Completion.ConfigureAwait(false);
        return new TerminalExit(result.ExitCode, result.Message);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _exec.DisposeAsync().ConfigureAwait(false);
    }
}
