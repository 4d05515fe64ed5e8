using System.Text;
using Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec;

/// <summary>What the client asked for: the command and which streams it attaches.</summary>
internal sealed record ExecRequest(IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty);

/// <summary>
/// Runs one exec: a command line through the simulated shell, an interactive shell with a minimal line discipline
/// (echo, backspace, Enter, Ctrl-C, Ctrl-D) when a tty is attached, or a script read from stdin.
/// </summary>
internal sealed class ExecSession(ExecChannels channels, ShellInterpreter shell, ExecRequest request)
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "ash", "bash", "dash" };
    private static readonly HashSet<string> StdinReaders = new(StringComparer.Ordinal) { "cat", "grep", "wc", "sort", "head", "tail", "sh", "ash", "bash", "dash" };

    /// <summary>Runs the command and returns its exit code; throws <see cref="ExecNotFoundException"/> for a missing binary.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        shell.Tty = request.Tty;
        var io = new ShellIO
        {
            Out = s => request.Stdout ? channels.WriteAsync(ExecChannels.Stdout, s, ct) : Task.CompletedTask,
            Err = s => request.Tty ? channels.WriteAsync(ExecChannels.Stdout, s, ct)
                : request.Stderr ? channels.WriteAsync(ExecChannels.Stderr, s, ct) : Task.CompletedTask,
        };
        var argv = request.Command;
        var leaf = argv[0][(argv[0].LastIndexOf('/') + 1)..];
        var interactiveShell = Shells.Contains(leaf) && !argv.Contains("-c") && argv.Count(a => !a.StartsWith('-')) == 1;
        if (leaf == "bash" && interactiveShell) shell.Flavor = ShellFlavor.Bash;
        if (interactiveShell && leaf == "bash" && shell.Container.Busybox)
            throw new ExecNotFoundException("bash");
        if (request.Stdin && interactiveShell)
            return request.Tty ? await InteractiveAsync(io, ct).ConfigureAwait(false) : await ScriptFromStdinAsync(io, ct).ConfigureAwait(false);
        if (request.Stdin && StdinReaders.Contains(leaf))
        {
            var input = await ReadAllStdinAsync(ct).ConfigureAwait(false);
            return await shell.ExecAsync(argv, new ShellIO { Out = io.Out, Err = io.Err, Stdin = input }, ct).ConfigureAwait(false);
        }
        return await shell.ExecAsync(argv, io, ct).ConfigureAwait(false);
    }

    private async Task<string> ReadAllStdinAsync(CancellationToken ct)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var sb = new StringBuilder();
        await foreach (var chunk in channels.StdinReader.ReadAllAsync(ct).ConfigureAwait(false)) sb.Append(Decode(decoder, chunk));
        return sb.ToString();
    }

    /// <summary><c>echo 'ls /' | kubectl exec -i pod -- sh</c>: each complete line runs as it arrives.</summary>
    private async Task<int> ScriptFromStdinAsync(ShellIO io, CancellationToken ct)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var pending = new StringBuilder();
        var status = 0;
        await foreach (var chunk in channels.StdinReader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            pending.Append(Decode(decoder, chunk));
            var text = pending.ToString();
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0) continue;
            pending.Clear().Append(text[(lastNewline + 1)..]);
            status = await shell.RunScriptAsync(text[..lastNewline], io, ct).ConfigureAwait(false);
            if (shell.Exited) return status;
        }
        if (pending.Length > 0) status = await shell.RunScriptAsync(pending.ToString(), io, ct).ConfigureAwait(false);
        return status;
    }

    private async Task<int> InteractiveAsync(ShellIO io, CancellationToken ct)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var line = new StringBuilder();
        var typeahead = new Queue<char>();
        var escape = 0;
        var lastWasCr = false;
        await io.Out(shell.Prompt()).ConfigureAwait(false);
        while (true)
        {
            if (typeahead.Count == 0)
            {
                if (!await channels.StdinReader.WaitToReadAsync(ct).ConfigureAwait(false)) return shell.LastStatus;
                while (channels.StdinReader.TryRead(out var chunk))
                    foreach (var ch in Decode(decoder, chunk)) typeahead.Enqueue(ch);
                continue;
            }
            var c = typeahead.Dequeue();
            if (escape > 0)
            {
                // Arrow keys and other CSI sequences: ESC [ ... final letter. History and cursor movement are not emulated.
                escape = escape == 1 && c == '[' ? 2 : char.IsLetter(c) || c == '~' || escape == 1 ? 0 : 2;
                continue;
            }
            switch (c)
            {
                case '\u001b':
                    escape = 1;
                    break;
                case '\n' when lastWasCr:
                    break;
                case '\r' or '\n':
                    await io.Out("\n").ConfigureAwait(false);
                    var command = line.ToString();
                    line.Clear();
                    if (command.Trim().Length > 0) await RunInterruptibleAsync(command, io, typeahead, decoder, ct).ConfigureAwait(false);
                    if (shell.Exited) return shell.LastStatus;
                    await io.Out(shell.Prompt()).ConfigureAwait(false);
                    break;
                case '\u007f' or '\b':
                    if (line.Length > 0)
                    {
                        line.Length--;
                        await io.Out("\b \b").ConfigureAwait(false);
                    }
                    break;
                case '\u0003':
                    line.Clear();
                    await io.Out("^C\n" + shell.Prompt()).ConfigureAwait(false);
                    break;
                case '\u0004':
                    if (line.Length == 0)
                    {
                        if (shell.Flavor == ShellFlavor.Bash) await io.Out("exit\n").ConfigureAwait(false);
                        return shell.LastStatus;
                    }
                    break;
                case '\u0015':
                    await io.Out(string.Concat(Enumerable.Repeat("\b \b", line.Length))).ConfigureAwait(false);
                    line.Clear();
                    break;
                default:
                    if (c >= ' ' || c == '\t')
                    {
                        line.Append(c);
                        await io.Out(c.ToString()).ConfigureAwait(false);
                    }
                    break;
            }
            lastWasCr = c == '\r';
        }
    }

    /// <summary>Runs a command line while still reading keys, so Ctrl-C interrupts a long <c>sleep</c>.</summary>
    private async Task RunInterruptibleAsync(string command, ShellIO io, Queue<char> typeahead, Decoder decoder, CancellationToken ct)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = shell.RunScriptAsync(command, io, interrupt.Token);
        while (!run.IsCompleted)
        {
            var wait = channels.StdinReader.WaitToReadAsync(interrupt.Token).AsTask();
            if (await Task.WhenAny(run, wait).ConfigureAwait(false) == run) break;
            if (!wait.IsCompletedSuccessfully || !wait.Result) { await SwallowAsync(run).ConfigureAwait(false); return; }
            while (channels.StdinReader.TryRead(out var chunk))
            {
                foreach (var ch in Decode(decoder, chunk))
                {
                    if (ch == '\u0003')
                    {
                        await interrupt.CancelAsync().ConfigureAwait(false);
                        await io.Out("^C\n").ConfigureAwait(false);
                    }
                    else typeahead.Enqueue(ch);
                }
            }
        }
        await SwallowAsync(run).ConfigureAwait(false);
    }

    private static async Task SwallowAsync(Task run)
    {
        try { await run.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private static string Decode(Decoder decoder, byte[] bytes)
    {
        var chars = new char[decoder.GetCharCount(bytes, 0, bytes.Length)];
        var n = decoder.GetChars(bytes, 0, bytes.Length, chars, 0);
        return new string(chars, 0, n);
    }
}
