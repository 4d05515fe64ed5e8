using System.Globalization;
using System.Text;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary>Where a command's output goes and what it reads.</summary>
internal sealed class ShellIO
{
    public required Func<string, Task> Out { get; init; }
    public required Func<string, Task> Err { get; init; }
    public string? Stdin { get; init; }
}

/// <summary>Which shell is speaking: it decides prompts and error messages.</summary>
internal enum ShellFlavor
{
    /// <summary>busybox ash (alpine, busybox).</summary>
    Ash,
    /// <summary>Debian's /bin/sh.</summary>
    Dash,
    /// <summary>GNU bash.</summary>
    Bash,
}

/// <summary>A binary that does not exist in the image, run directly (not through a shell).</summary>
internal sealed class ExecNotFoundException(string binary) : Exception($"exec: \"{binary}\": executable file not found in $PATH")
{
    public string Binary { get; } = binary;
}

/// <summary>
/// A small POSIX-ish shell over a simulated container: lists with <c>; &amp;&amp; ||</c>, pipes, redirections,
/// quoting, variables, <c>$( )</c> and <c>$(( ))</c>, and a set of built-in commands (<see cref="ShellCommands"/>).
/// </summary>
internal sealed class ShellInterpreter
{
    public ShellInterpreter(ContainerEnvironment container, Func<DateTimeOffset> now)
    {
        Container = container;
        Now = now;
        Vars = new Dictionary<string, string>(container.Env, StringComparer.Ordinal);
        Flavor = container.Busybox ? ShellFlavor.Ash : ShellFlavor.Dash;
    }

    public ContainerEnvironment Container { get; }
    public Func<DateTimeOffset> Now { get; }
    public Dictionary<string, string> Vars { get; }
    public string Cwd { get; set; } = "/";
    public ShellFlavor Flavor { get; set; }
    public int LastStatus { get; private set; }
    public bool Exited { get; set; }
    public bool Tty { get; set; }
    public int Rows { get; set; } = 24;
    public int Columns { get; set; } = 80;
    public VirtualFileSystem Files => Container.Files;

    public string Prompt()
    {
        var cwd = Cwd == "/root" ? "~" : Cwd.StartsWith("/root/", StringComparison.Ordinal) ? "~" + Cwd[5..] : Cwd;
        return Flavor switch
        {
            ShellFlavor.Ash => $"{cwd} # ",
            ShellFlavor.Bash => $"root@{Container.PodName}:{cwd}# ",
            _ => "# ",
        };
    }

    /// <summary>The shell's "command not found" message.</summary>
    public string NotFound(string name) => Flavor switch
    {
        ShellFlavor.Ash => $"sh: {name}: not found\n",
        ShellFlavor.Bash => $"bash: {name}: command not found\n",
        _ => $"sh: 1: {name}: not found\n",
    };

    /// <summary>The shell's prefix for built-in errors (<c>sh: cd: …</c>).</summary>
    public string Name => Flavor == ShellFlavor.Bash ? "bash" : "sh";

    /// <summary>Runs a command line the container runtime was asked to exec: no shell parsing, missing binaries fail.</summary>
    public async Task<int> ExecAsync(IReadOnlyList<string> argv, ShellIO io, CancellationToken ct)
    {
        var name = argv[0];
        if (!ShellCommands.Has(name) && !(name.Contains('/', StringComparison.Ordinal) && Files.Exists(name) && !Files.IsDir(name)))
            throw new ExecNotFoundException(name);
        LastStatus = await RunCommandAsync([.. argv], io, ct).ConfigureAwait(false);
        return LastStatus;
    }

    /// <summary>Runs a script; returns the status of the last command (or of <c>exit</c>).</summary>
    public async Task<int> RunScriptAsync(string script, ShellIO io, CancellationToken ct)
    {
        var tokens = ShellLexer.Lex(script);
        var connector = ";";
        var pipeline = new List<List<ShellToken>> { new() };
        async Task RunPending()
        {
            if (pipeline.All(c => c.Count == 0)) return;
            var skip = (connector == "&&" && LastStatus != 0) || (connector == "||" && LastStatus == 0);
            if (!skip) LastStatus = await RunPipelineAsync(pipeline, io, ct).ConfigureAwait(false);
        }
        foreach (var t in tokens)
        {
            if (Exited) break;
            if (t.IsOperator && t.Text is ";" or "&&" or "||")
            {
                await RunPending().ConfigureAwait(false);
                connector = t.Text;
                pipeline = [[]];
            }
            else if (t.IsOperator && t.Text == "|") pipeline.Add([]);
            else pipeline[^1].Add(t);
        }
        if (!Exited) await RunPending().ConfigureAwait(false);
        return LastStatus;
    }

    private async Task<int> RunPipelineAsync(List<List<ShellToken>> pipeline, ShellIO io, CancellationToken ct)
    {
        string? input = io.Stdin;
        var status = 0;
        for (var i = 0; i < pipeline.Count; i++)
        {
            var last = i == pipeline.Count - 1;
            var captured = new StringBuilder();
            var stageIo = last ? new ShellIO { Out = io.Out, Err = io.Err, Stdin = input }
                : new ShellIO { Out = s => { captured.Append(s); return Task.CompletedTask; }, Err = io.Err, Stdin = input };
            status = await RunSimpleAsync(pipeline[i], stageIo, ct).ConfigureAwait(false);
            input = captured.ToString();
        }
        return status;
    }

    private async Task<int> RunSimpleAsync(List<ShellToken> tokens, ShellIO io, CancellationToken ct)
    {
        var argv = new List<string>();
        string? outFile = null, errFile = null, inFile = null;
        var append = false;
        var errToOut = false;
        var outToErr = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsOperator && t.Text == ">&2")
            {
                outToErr = true;
                continue;
            }
            if (t.IsOperator)
            {
                var target = i + 1 < tokens.Count && !tokens[i + 1].IsOperator ? await ExpandAsync(tokens[++i].Text, ct).ConfigureAwait(false) : null;
                switch (t.Text)
                {
                    case ">": outFile = target; append = false; break;
                    case ">>": outFile = target; append = true; break;
                    case "2>": errFile = target; break;
                    case "2>&1": errToOut = true; if (target is not null) argv.Add(target); break;
                    case "<": inFile = target; break;
                }
                continue;
            }
            var expanded = await ExpandAsync(t.Text, ct).ConfigureAwait(false);
            if (expanded.Length == 0 && !t.Text.Contains('"', StringComparison.Ordinal) && !t.Text.Contains('\'', StringComparison.Ordinal)) continue;
            if (HasUnquotedStar(t.Text) && Glob(expanded) is { Count: > 0 } matches) argv.AddRange(matches);
            else argv.Add(expanded);
        }
        while (argv.Count > 0 && Assignment(argv[0]) is { } assign)
        {
            Vars[assign.Name] = assign.Value;
            argv.RemoveAt(0);
        }
        if (argv.Count == 0) return 0;

        var stdin = io.Stdin;
        if (inFile is not null)
        {
            var path = VirtualFileSystem.Resolve(Cwd, inFile);
            if (Files.Read(path) is not { } content)
            {
                await io.Err($"{Name}: can't open '{inFile}': No such file or directory\n").ConfigureAwait(false);
                return 1;
            }
            stdin = content;
        }
        var fileOut = new StringBuilder();
        Func<string, Task> write = outFile is not null ? s => { fileOut.Append(s); return Task.CompletedTask; } : outToErr ? io.Err : io.Out;
        Func<string, Task> err = errToOut ? write : errFile is not null ? (s => Task.CompletedTask) : io.Err;
        var status = await RunCommandAsync(argv, new ShellIO { Out = write, Err = err, Stdin = stdin }, ct).ConfigureAwait(false);
        if (outFile is not null && outFile != "/dev/null")
        {
            var path = VirtualFileSystem.Resolve(Cwd, outFile);
            if (Files.IsDir(path))
            {
                await io.Err($"{Name}: can't create {outFile}: Is a directory\n").ConfigureAwait(false);
                return 1;
            }
            Files.File(path, (append ? Files.Read(path) ?? "" : "") + fileOut);
        }
        return status;
    }

    /// <summary>Runs one expanded command: a built-in, a script file, or "not found".</summary>
    public async Task<int> RunCommandAsync(List<string> argv, ShellIO io, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var name = argv[0];
        if (ShellCommands.TryGet(name, out var command))
        {
            if (name.Contains('/', StringComparison.Ordinal) && !Files.Exists(name))
            {
                await io.Err(Flavor == ShellFlavor.Bash ? $"bash: {name}: No such file or directory\n" : NotFound(name)).ConfigureAwait(false);
                return 127;
            }
            return await command(new ShellCall(this, argv, io, ct)).ConfigureAwait(false);
        }
        if (name.Contains('/', StringComparison.Ordinal) && Files.Read(VirtualFileSystem.Resolve(Cwd, name)) is { } content)
            return content.StartsWith("#!", StringComparison.Ordinal) ? await RunScriptAsync(content, io, ct).ConfigureAwait(false) : 0;
        await io.Err(NotFound(name)).ConfigureAwait(false);
        return 127;
    }

    private static (string Name, string Value)? Assignment(string word)
    {
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return null;
        var name = word[..eq];
        if (!(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_')) return null;
        return (name, word[(eq + 1)..]);
    }

    private static bool HasUnquotedStar(string raw) => raw.Contains('*', StringComparison.Ordinal) && !raw.Contains('\'', StringComparison.Ordinal) && !raw.Contains('"', StringComparison.Ordinal);

    private List<string> Glob(string pattern)
    {
        var full = VirtualFileSystem.Resolve(Cwd, pattern);
        var dir = VirtualFileSystem.Parent(full);
        var leaf = full[(full.LastIndexOf('/') + 1)..];
        var star = leaf.IndexOf('*', StringComparison.Ordinal);
        if (star < 0 || !Files.IsDir(dir)) return [];
        var (prefix, suffix) = (leaf[..star], leaf[(star + 1)..]);
        var relative = !pattern.StartsWith('/');
        return Files.List(dir)
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal) && !n.StartsWith('.'))
            .Select(n => relative ? (pattern.Contains('/', StringComparison.Ordinal) ? pattern[..(pattern.LastIndexOf('/') + 1)] + n : n) : (dir == "/" ? "/" : dir + "/") + n)
            .ToList();
    }

    /// <summary>Quote removal, escapes, parameter, command and arithmetic expansion of one raw word.</summary>
    public async Task<string> ExpandAsync(string raw, CancellationToken ct)
    {
        var sb = new StringBuilder();
        var i = 0;
        var inDouble = false;
        if (raw.StartsWith('~') && (raw.Length == 1 || raw[1] == '/')) { sb.Append("/root"); i = 1; }
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c == '\'' && !inDouble)
            {
                var end = raw.IndexOf('\'', i + 1);
                if (end < 0) end = raw.Length;
                sb.Append(raw, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"') { inDouble = !inDouble; i++; }
            else if (c == '\\' && i + 1 < raw.Length)
            {
                var next = raw[i + 1];
                if (inDouble && next is not ('$' or '`' or '"' or '\\')) sb.Append('\\');
                sb.Append(next);
                i += 2;
            }
            else if (c == '$' && i + 1 < raw.Length) i = await DollarAsync(raw, i, sb, ct).ConfigureAwait(false);
            else if (c == '`')
            {
                var end = raw.IndexOf('`', i + 1);
                if (end < 0) end = raw.Length;
                sb.Append(await SubstituteAsync(raw[(i + 1)..end], ct).ConfigureAwait(false));
                i = end + 1;
            }
            else { sb.Append(c); i++; }
        }
        return sb.ToString();
    }

    private async Task<int> DollarAsync(string raw, int i, StringBuilder sb, CancellationToken ct)
    {
        var next = raw[i + 1];
        if (next == '(')
        {
            if (i + 2 < raw.Length && raw[i + 2] == '(')
            {
                var after = ShellLexer.MatchParen(raw, i + 1);
                var expression = raw[(i + 3)..Math.Max(i + 3, after - 2)];
                sb.Append(ShellArithmetic.Evaluate(expression, Vars).ToString(CultureInfo.InvariantCulture));
                return after;
            }
            var end = ShellLexer.MatchParen(raw, i + 1);
            sb.Append(await SubstituteAsync(raw[(i + 2)..Math.Max(i + 2, end - 1)], ct).ConfigureAwait(false));
            return end;
        }
        if (next == '{')
        {
            var close = raw.IndexOf('}', i + 2);
            if (close < 0) close = raw.Length;
            var inner = raw[(i + 2)..close];
            var def = inner.IndexOf(":-", StringComparison.Ordinal);
            var value = def >= 0 ? Vars.GetValueOrDefault(inner[..def]) : Vars.GetValueOrDefault(inner);
            sb.Append(string.IsNullOrEmpty(value) && def >= 0 ? inner[(def + 2)..] : value);
            return close + 1;
        }
        if (next == '?') { sb.Append(LastStatus.ToString(CultureInfo.InvariantCulture)); return i + 2; }
        if (next == '$') { sb.Append("1"); return i + 2; }
        if (next == '#') { sb.Append('0'); return i + 2; }
        if (next == '0') { sb.Append(Name); return i + 2; }
        if (char.IsDigit(next)) return i + 2;
        var j = i + 1;
        while (j < raw.Length && (char.IsLetterOrDigit(raw[j]) || raw[j] == '_')) j++;
        if (j == i + 1) { sb.Append('$'); return i + 1; }
        sb.Append(Vars.GetValueOrDefault(raw[(i + 1)..j]));
        return j;
    }

    private async Task<string> SubstituteAsync(string script, CancellationToken ct)
    {
        var output = new StringBuilder();
        var saved = LastStatus;
        await RunScriptAsync(script, new ShellIO { Out = s => { output.Append(s); return Task.CompletedTask; }, Err = _ => Task.CompletedTask }, ct).ConfigureAwait(false);
        LastStatus = saved;
        return output.ToString().TrimEnd('\n');
    }
}
