using System.Globalization;
using System.Text;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary>One invocation of a built-in command.</summary>
internal sealed record ShellCall(ShellInterpreter Shell, List<string> Argv, ShellIO IO, CancellationToken Ct)
{
    public IReadOnlyList<string> Args => Argv.Count > 1 ? Argv.GetRange(1, Argv.Count - 1) : [];
    public Task Out(string s) => IO.Out(s);
    public Task Err(string s) => IO.Err(s);
    public string Path(string p) => VirtualFileSystem.Resolve(Shell.Cwd, p);
    /// <summary>Arguments that are not flags.</summary>
    public List<string> Operands => Args.Where(a => !a.StartsWith('-') || a == "-").ToList();
    public bool Flag(char f) => Args.Any(a => a.StartsWith('-') && !a.StartsWith("--", StringComparison.Ordinal) && a.Contains(f, StringComparison.Ordinal));
}

/// <summary>The commands the simulated container knows, by name (a path like <c>/bin/ls</c> resolves to its file name).</summary>
internal static partial class ShellCommands
{
    private static readonly Dictionary<string, Func<ShellCall, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["echo"] = Echo,
        ["printf"] = Printf,
        ["true"] = _ => Task.FromResult(0),
        [":"] = _ => Task.FromResult(0),
        ["false"] = _ => Task.FromResult(1),
        ["exit"] = Exit,
        ["pwd"] = async c => { await c.Out(c.Shell.Cwd + "\n").ConfigureAwait(false); return 0; },
        ["cd"] = Cd,
        ["hostname"] = async c => { await c.Out(c.Shell.Container.PodName + "\n").ConfigureAwait(false); return 0; },
        ["whoami"] = async c => { await c.Out("root\n").ConfigureAwait(false); return 0; },
        ["id"] = async c => { await c.Out("uid=0(root) gid=0(root) groups=0(root)\n").ConfigureAwait(false); return 0; },
        ["env"] = Env,
        ["printenv"] = Printenv,
        ["export"] = Export,
        ["unset"] = c => { foreach (var a in c.Args) c.Shell.Vars.Remove(a); return Task.FromResult(0); },
        ["set"] = _ => Task.FromResult(0),
        ["date"] = Date,
        ["uname"] = Uname,
        ["sleep"] = Sleep,
        ["ls"] = Ls,
        ["cat"] = Cat,
        ["ps"] = Ps,
        ["stty"] = Stty,
        ["which"] = Which,
        ["clear"] = async c => { await c.Out("\u001b[H\u001b[J").ConfigureAwait(false); return 0; },
        ["grep"] = Grep,
        ["head"] = c => Slice(c, head: true),
        ["tail"] = c => Slice(c, head: false),
        ["wc"] = Wc,
        ["sort"] = Sort,
        ["mkdir"] = Mkdir,
        ["touch"] = Touch,
        ["rm"] = Rm,
        ["nproc"] = async c => { await c.Out(c.Shell.Container.Cpus.ToString(CultureInfo.InvariantCulture) + "\n").ConfigureAwait(false); return 0; },
        ["df"] = Df,
        ["free"] = Free,
        ["uptime"] = Uptime,
        ["test"] = Test,
        ["["] = Test,
        ["kill"] = _ => Task.FromResult(0),
        ["sh"] = Shell,
        ["ash"] = Shell,
        ["bash"] = Shell,
    };

    public static bool Has(string name) => TryGet(name, out _);

    public static bool TryGet(string name, out Func<ShellCall, Task<int>> command)
    {
        var leaf = name.Contains('/', StringComparison.Ordinal) ? name[(name.LastIndexOf('/') + 1)..] : name;
        return Commands.TryGetValue(leaf, out command!);
    }

    public static IEnumerable<string> Names => Commands.Keys;

    private static async Task<int> Echo(ShellCall c)
    {
        var args = c.Args.ToList();
        var newline = true;
        var escapes = false;
        while (args.Count > 0 && args[0] is "-n" or "-e" or "-ne" or "-en")
        {
            if (args[0].Contains('n', StringComparison.Ordinal)) newline = false;
            if (args[0].Contains('e', StringComparison.Ordinal)) escapes = true;
            args.RemoveAt(0);
        }
        var text = string.Join(' ', args);
        if (escapes) text = Unescape(text);
        await c.Out(newline ? text + "\n" : text).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Printf(ShellCall c)
    {
        if (c.Args.Count == 0)
        {
            await c.Err("printf: usage: printf format [arguments]\n").ConfigureAwait(false);
            return 2;
        }
        var format = Unescape(c.Args[0]);
        var args = new Queue<string>(c.Args.Skip(1));
        var sb = new StringBuilder();
        do
        {
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] == '%' && i + 1 < format.Length)
                {
                    var spec = format[++i];
                    if (spec == '%') sb.Append('%');
                    else sb.Append(args.Count > 0 ? args.Dequeue() : spec == 'd' ? "0" : "");
                }
                else sb.Append(format[i]);
            }
        }
        while (args.Count > 0);
        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static string Unescape(string s) =>
        s.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    private static Task<int> Exit(ShellCall c)
    {
        c.Shell.Exited = true;
        var code = c.Args.Count > 0 && int.TryParse(c.Args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n & 0xFF : c.Shell.LastStatus;
        return Task.FromResult(code);
    }

    private static async Task<int> Cd(ShellCall c)
    {
        var target = c.Args.Count == 0 ? "/root" : c.Path(c.Args[0]);
        if (!c.Shell.Files.IsDir(target))
        {
            var what = c.Shell.Files.Exists(target) ? "Not a directory" : "No such file or directory";
            await c.Err(c.Shell.Flavor switch
            {
                ShellFlavor.Ash => $"sh: cd: can't cd to {c.Args[0]}: {what}\n",
                ShellFlavor.Bash => $"bash: cd: {c.Args[0]}: {what}\n",
                _ => $"sh: 1: cd: can't cd to {c.Args[0]}\n",
            }).ConfigureAwait(false);
            return c.Shell.Flavor == ShellFlavor.Bash ? 1 : 2;
        }
        c.Shell.Cwd = target;
        c.Shell.Vars["PWD"] = target;
        return 0;
    }

    private static async Task<int> Env(ShellCall c)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in c.Shell.Vars) sb.Append(k).Append('=').Append(v).Append('\n');
        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Printenv(ShellCall c)
    {
        if (c.Args.Count == 0) return await Env(c).ConfigureAwait(false);
        var status = 0;
        foreach (var name in c.Args)
        {
            if (c.Shell.Vars.TryGetValue(name, out var v)) await c.Out(v + "\n").ConfigureAwait(false);
            else status = 1;
        }
        return status;
    }

    private static Task<int> Export(ShellCall c)
    {
        foreach (var a in c.Args)
        {
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) c.Shell.Vars[a[..eq]] = a[(eq + 1)..];
            else c.Shell.Vars.TryAdd(a, "");
        }
        return Task.FromResult(0);
    }

    private static async Task<int> Date(ShellCall c)
    {
        var now = c.Shell.Now().UtcDateTime;
        var format = c.Args.FirstOrDefault(a => a.StartsWith('+'));
        string text;
        if (format is null) text = now.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
        else
        {
            var sb = new StringBuilder();
            for (var i = 1; i < format.Length; i++)
            {
                if (format[i] != '%' || i + 1 >= format.Length) { sb.Append(format[i]); continue; }
                sb.Append(format[++i] switch
                {
                    'Y' => now.ToString("yyyy", CultureInfo.InvariantCulture),
                    'm' => now.ToString("MM", CultureInfo.InvariantCulture),
                    'd' => now.ToString("dd", CultureInfo.InvariantCulture),
                    'H' => now.ToString("HH", CultureInfo.InvariantCulture),
                    'M' => now.ToString("mm", CultureInfo.InvariantCulture),
                    'S' => now.ToString("ss", CultureInfo.InvariantCulture),
                    'T' => now.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    'F' => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    's' => new DateTimeOffset(now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    'Z' => "UTC",
                    '%' => "%",
                    var other => "%" + other,
                });
            }
            text = sb.ToString();
        }
        await c.Out(text + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Uname(ShellCall c)
    {
        var host = c.Shell.Container.PodName;
        const string release = "6.1.0-27-amd64";
        const string version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01)";
        string text;
        if (c.Flag('a')) text = $"Linux {host} {release} {version} x86_64 {(c.Shell.Container.Busybox ? "Linux" : "GNU/Linux")}";
        else
        {
            var parts = new List<string>();
            if (c.Flag('s') || c.Args.Count == 0) parts.Add("Linux");
            if (c.Flag('n')) parts.Add(host);
            if (c.Flag('r')) parts.Add(release);
            if (c.Flag('v')) parts.Add(version);
            if (c.Flag('m')) parts.Add("x86_64");
            if (c.Flag('o')) parts.Add(c.Shell.Container.Busybox ? "Linux" : "GNU/Linux");
            text = string.Join(' ', parts);
        }
        await c.Out(text + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Sleep(ShellCall c)
    {
        if (c.Args.Count == 0)
        {
            await c.Err("sleep: missing operand\n").ConfigureAwait(false);
            return 1;
        }
        var arg = c.Args[0];
        if (arg == "infinity")
        {
            await Task.Delay(Timeout.Infinite, c.Ct).ConfigureAwait(false);
            return 0;
        }
        var multiplier = arg.EndsWith('m') ? 60 : arg.EndsWith('h') ? 3600 : 1;
        if (!double.TryParse(arg.TrimEnd('s', 'm', 'h'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            await c.Err($"sleep: invalid number '{arg}'\n").ConfigureAwait(false);
            return 1;
        }
        await Task.Delay(TimeSpan.FromSeconds(seconds * multiplier), c.Ct).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Stty(ShellCall c)
    {
        if (!c.Shell.Tty)
        {
            await c.Err("stty: standard input: Not a tty\n").ConfigureAwait(false);
            return 1;
        }
        if (c.Args.Contains("size")) await c.Out($"{c.Shell.Rows} {c.Shell.Columns}\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Which(ShellCall c)
    {
        var status = 0;
        foreach (var name in c.Args)
        {
            if (Has(name) && c.Shell.Files.Exists("/bin/" + name)) await c.Out("/bin/" + name + "\n").ConfigureAwait(false);
            else if (c.Shell.Files.Exists("/usr/local/bin/" + name)) await c.Out("/usr/local/bin/" + name + "\n").ConfigureAwait(false);
            else status = 1;
        }
        return status;
    }

    private static async Task<int> Shell(ShellCall c)
    {
        var shell = c.Shell;
        var saved = shell.Flavor;
        var leaf = c.Argv[0][(c.Argv[0].LastIndexOf('/') + 1)..];
        if (leaf == "bash")
        {
            if (shell.Container.Busybox && !shell.Files.Exists("/bin/bash"))
            {
                await c.Err(shell.NotFound("bash")).ConfigureAwait(false);
                return 127;
            }
            shell.Flavor = ShellFlavor.Bash;
        }
        try
        {
            var args = c.Args;
            var dashC = args.ToList().IndexOf("-c");
            if (dashC >= 0 && dashC + 1 < args.Count) return await shell.RunScriptAsync(args[dashC + 1], c.IO, c.Ct).ConfigureAwait(false);
            var script = args.FirstOrDefault(a => !a.StartsWith('-'));
            if (script is not null)
            {
                if (shell.Files.Read(c.Path(script)) is not { } content)
                {
                    await c.Err($"{leaf}: can't open '{script}': No such file or directory\n").ConfigureAwait(false);
                    return 2;
                }
                return await shell.RunScriptAsync(content, c.IO, c.Ct).ConfigureAwait(false);
            }
            return c.IO.Stdin is { } stdin ? await shell.RunScriptAsync(stdin, c.IO, c.Ct).ConfigureAwait(false) : 0;
        }
        finally
        {
            shell.Flavor = saved;
            shell.Exited = false;
        }
    }
}
