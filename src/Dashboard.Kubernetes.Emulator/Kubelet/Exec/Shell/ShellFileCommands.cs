using System.Globalization;
using System.Text;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;

/// <summary>Commands over files and text: ls, cat, grep, head, tail, wc, sort, mkdir, touch, rm, test, ps, df, free, uptime.</summary>
internal static partial class ShellCommands
{
    private static string Missing(ShellCall c, string tool, string path) =>
        c.Shell.Container.Busybox ? $"{tool}: {path}: No such file or directory\n"
        : tool == "ls" ? $"ls: cannot access '{path}': No such file or directory\n" : $"{tool}: {path}: No such file or directory\n";

    private static async Task<int> Ls(ShellCall c)
    {
        var targets = c.Operands;
        if (targets.Count == 0) targets.Add(".");
        var all = c.Flag('a');
        var longFormat = c.Flag('l');
        var onePerLine = longFormat || c.Flag('1') || !c.Shell.Tty;
        var status = 0;
        var sb = new StringBuilder();
        var stamp = c.Shell.Container.StartedAt.UtcDateTime.ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
        for (var t = 0; t < targets.Count; t++)
        {
            var path = c.Path(targets[t]);
            if (!c.Shell.Files.Exists(path))
            {
                await c.Err(Missing(c, "ls", targets[t])).ConfigureAwait(false);
                status = c.Shell.Container.Busybox ? 1 : 2;
                continue;
            }
            List<string> names;
            string dir;
            if (c.Shell.Files.IsDir(path) && !c.Flag('d'))
            {
                dir = path;
                names = c.Shell.Files.List(path).Where(n => all || !n.StartsWith('.')).ToList();
                if (all) names.InsertRange(0, [".", ".."]);
                if (targets.Count > 1) sb.Append(t > 0 ? "\n" : "").Append(targets[t]).Append(":\n");
            }
            else
            {
                dir = VirtualFileSystem.Parent(path);
                names = [targets[t]];
            }
            if (longFormat)
            {
                sb.Append("total ").Append(names.Count * 4).Append('\n');
                foreach (var n in names)
                {
                    var full = n is "." or ".." || n.StartsWith('/') ? VirtualFileSystem.Resolve(dir, n) : VirtualFileSystem.Resolve(dir, Path.GetFileName(n));
                    var isDir = c.Shell.Files.IsDir(full);
                    var size = isDir ? 4096 : Encoding.UTF8.GetByteCount(c.Shell.Files.Read(full) ?? "");
                    var mode = isDir ? "drwxr-xr-x" : full.Contains("/bin/", StringComparison.Ordinal) ? "-rwxr-xr-x" : "-rw-r--r--";
                    sb.Append(CultureInfo.InvariantCulture, $"{mode} {(isDir ? 2 : 1),4} root     root     {size,10} {stamp} {n}\n");
                }
            }
            else if (onePerLine) foreach (var n in names) sb.Append(n).Append('\n');
            else if (names.Count > 0) sb.Append(string.Join("  ", names)).Append('\n');
        }
        await c.Out(sb.ToString()).ConfigureAwait(false);
        return status;
    }

    private static async Task<int> Cat(ShellCall c)
    {
        var files = c.Operands;
        if (files.Count == 0)
        {
            if (c.IO.Stdin is { } stdin) await c.Out(stdin).ConfigureAwait(false);
            return 0;
        }
        var status = 0;
        foreach (var f in files)
        {
            var path = c.Path(f);
            if (c.Shell.Files.IsDir(path))
            {
                await c.Err($"cat: {(c.Shell.Container.Busybox ? "read error" : f)}: Is a directory\n").ConfigureAwait(false);
                status = 1;
            }
            else if (c.Shell.Files.Read(path) is { } content) await c.Out(content).ConfigureAwait(false);
            else
            {
                await c.Err(Missing(c, "cat", f)).ConfigureAwait(false);
                status = 1;
            }
        }
        return status;
    }

    /// <summary>The text a filter reads: its file operands, or stdin.</summary>
    private static async Task<string?> Input(ShellCall c, IReadOnlyList<string> files, string tool)
    {
        if (files.Count == 0) return c.IO.Stdin ?? "";
        var sb = new StringBuilder();
        foreach (var f in files)
        {
            if (c.Shell.Files.Read(c.Path(f)) is { } content) sb.Append(content);
            else
            {
                await c.Err(Missing(c, tool, f)).ConfigureAwait(false);
                return null;
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<string> LinesOf(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    private static async Task<int> Grep(ShellCall c)
    {
        var operands = c.Operands;
        if (operands.Count == 0)
        {
            await c.Err("Usage: grep [-ivc] PATTERN [FILE]...\n").ConfigureAwait(false);
            return 2;
        }
        var pattern = operands[0];
        var text = await Input(c, operands.Skip(1).ToList(), "grep").ConfigureAwait(false);
        if (text is null) return 2;
        var comparison = c.Flag('i') ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var invert = c.Flag('v');
        var matches = LinesOf(text).Where(l => l.Contains(pattern, comparison) != invert).ToList();
        if (c.Flag('c')) await c.Out(matches.Count.ToString(CultureInfo.InvariantCulture) + "\n").ConfigureAwait(false);
        else if (!c.Flag('q')) foreach (var m in matches) await c.Out(m + "\n").ConfigureAwait(false);
        return matches.Count > 0 ? 0 : 1;
    }

    private static async Task<int> Slice(ShellCall c, bool head)
    {
        var count = 10;
        var files = new List<string>();
        for (var i = 0; i < c.Args.Count; i++)
        {
            var a = c.Args[i];
            if (a == "-n" && i + 1 < c.Args.Count) int.TryParse(c.Args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out count);
            else if (a.StartsWith("-n", StringComparison.Ordinal)) int.TryParse(a[2..], NumberStyles.Integer, CultureInfo.InvariantCulture, out count);
            else if (a.StartsWith('-') && int.TryParse(a[1..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) count = n;
            else if (!a.StartsWith('-')) files.Add(a);
        }
        var text = await Input(c, files, head ? "head" : "tail").ConfigureAwait(false);
        if (text is null) return 1;
        var lines = LinesOf(text).ToList();
        var picked = head ? lines.Take(count) : lines.Skip(Math.Max(0, lines.Count - count));
        await c.Out(string.Concat(picked.Select(l => l + "\n"))).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Wc(ShellCall c)
    {
        var text = await Input(c, c.Operands, "wc").ConfigureAwait(false);
        if (text is null) return 1;
        var lines = text.Count(ch => ch == '\n');
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var bytes = Encoding.UTF8.GetByteCount(text);
        string result;
        if (c.Flag('l')) result = lines.ToString(CultureInfo.InvariantCulture);
        else if (c.Flag('w')) result = words.ToString(CultureInfo.InvariantCulture);
        else if (c.Flag('c')) result = bytes.ToString(CultureInfo.InvariantCulture);
        else result = $"{lines,7} {words,7} {bytes,7}";
        await c.Out(result + "\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Sort(ShellCall c)
    {
        var text = await Input(c, c.Operands, "sort").ConfigureAwait(false);
        if (text is null) return 1;
        var lines = LinesOf(text).Order(StringComparer.Ordinal).ToList();
        if (c.Flag('r')) lines.Reverse();
        await c.Out(string.Concat(lines.Select(l => l + "\n"))).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Mkdir(ShellCall c)
    {
        var status = 0;
        foreach (var d in c.Operands)
        {
            var path = c.Path(d);
            if (c.Shell.Files.Exists(path) && !c.Flag('p'))
            {
                await c.Err($"mkdir: can't create directory '{d}': File exists\n").ConfigureAwait(false);
                status = 1;
            }
            else if (!c.Shell.Files.IsDir(VirtualFileSystem.Parent(path)) && !c.Flag('p'))
            {
                await c.Err($"mkdir: can't create directory '{d}': No such file or directory\n").ConfigureAwait(false);
                status = 1;
            }
            else c.Shell.Files.Dir(path);
        }
        return status;
    }

    private static Task<int> Touch(ShellCall c)
    {
        foreach (var f in c.Operands)
        {
            var path = c.Path(f);
            if (!c.Shell.Files.Exists(path)) c.Shell.Files.File(path, "");
        }
        return Task.FromResult(0);
    }

    private static async Task<int> Rm(ShellCall c)
    {
        var status = 0;
        foreach (var f in c.Operands)
        {
            var path = c.Path(f);
            if (c.Shell.Files.IsDir(path) && !c.Flag('r'))
            {
                await c.Err($"rm: '{f}' is a directory\n").ConfigureAwait(false);
                status = 1;
            }
            else if (!c.Shell.Files.Remove(path) && !c.Flag('f'))
            {
                await c.Err($"rm: can't remove '{f}': No such file or directory\n").ConfigureAwait(false);
                status = 1;
            }
        }
        return status;
    }

    private static async Task<int> Test(ShellCall c)
    {
        var args = c.Args.ToList();
        if (c.Argv[0] == "[" && args.Count > 0 && args[^1] == "]") args.RemoveAt(args.Count - 1);
        var negate = args.Count > 0 && args[0] == "!";
        if (negate) args.RemoveAt(0);
        bool result = args.Count switch
        {
            0 => false,
            1 => args[0].Length > 0,
            2 => args[0] switch
            {
                "-f" => c.Shell.Files.Exists(c.Path(args[1])) && !c.Shell.Files.IsDir(c.Path(args[1])),
                "-d" => c.Shell.Files.IsDir(c.Path(args[1])),
                "-e" => c.Shell.Files.Exists(c.Path(args[1])),
                "-z" => args[1].Length == 0,
                "-n" => args[1].Length > 0,
                _ => false,
            },
            _ => args[1] switch
            {
                "=" or "==" => args[0] == args[2],
                "!=" => args[0] != args[2],
                "-eq" => Num(args[0]) == Num(args[2]),
                "-ne" => Num(args[0]) != Num(args[2]),
                "-lt" => Num(args[0]) < Num(args[2]),
                "-gt" => Num(args[0]) > Num(args[2]),
                "-le" => Num(args[0]) <= Num(args[2]),
                "-ge" => Num(args[0]) >= Num(args[2]),
                _ => false,
            },
        };
        await Task.CompletedTask.ConfigureAwait(false);
        return result != negate ? 0 : 1;
    }

    private static long Num(string s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static async Task<int> Ps(ShellCall c)
    {
        var main = string.Join(' ', c.Shell.Container.MainCommand);
        var sb = new StringBuilder();
        sb.Append("PID   USER     TIME  COMMAND\n");
        sb.Append(CultureInfo.InvariantCulture, $"{1,5} root      0:00 {main}\n");
        var workers = main.StartsWith("nginx", StringComparison.Ordinal) ? 2 : 0;
        for (var i = 0; i < workers; i++) sb.Append(CultureInfo.InvariantCulture, $"{29 + i,5} nginx     0:00 nginx: worker process\n");
        sb.Append(CultureInfo.InvariantCulture, $"{41,5} root      0:00 {(c.Shell.Flavor == ShellFlavor.Bash ? "bash" : "sh")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{47,5} root      0:00 {("ps " + string.Join(' ', c.Args)).TrimEnd()}\n");
        await c.Out(sb.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Df(ShellCall c)
    {
        var text = c.Flag('h')
            ? "Filesystem                Size      Used Available Use% Mounted on\noverlay                  97.9G     18.2G     75.7G  19% /\ntmpfs                    64.0M         0     64.0M   0% /dev\nshm                      64.0M         0     64.0M   0% /dev/shm\n/dev/sda1                97.9G     18.2G     75.7G  19% /etc/hosts\n"
            : "Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay              102626232  19084312  79283876  19% /\ntmpfs                    65536         0     65536   0% /dev\nshm                      65536         0     65536   0% /dev/shm\n/dev/sda1            102626232  19084312  79283876  19% /etc/hosts\n";
        await c.Out(text).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Free(ShellCall c)
    {
        var total = c.Shell.Container.MemoryBytes / (c.Flag('m') ? 1024 * 1024 : 1024);
        var used = total * 22 / 100;
        var free = total - used - total / 5;
        await c.Out($"              total        used        free      shared  buff/cache   available\nMem:   {total,12} {used,11} {free,11} {0,11} {total / 5,11} {total - used,11}\nSwap:  {0,12} {0,11} {0,11}\n").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> Uptime(ShellCall c)
    {
        var now = c.Shell.Now();
        var up = now - c.Shell.Container.StartedAt;
        await c.Out($" {now.UtcDateTime:HH:mm:ss} up {(int)up.TotalDays} days, {up.Hours,2}:{up.Minutes:00},  load average: 0.42, 0.37, 0.31\n").ConfigureAwait(false);
        return 0;
    }
}
