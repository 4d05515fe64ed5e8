using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Reading kubectl's human-readable output: tables separated by blank lines, columns by two or more spaces.</summary>
public static partial class KubectlOutput
{
    /// <summary>One printed table: its column headers and its rows (cells as printed).</summary>
    public sealed record PrintedTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

    /// <summary>Splits <c>kubectl get</c> output of several kinds into one table per kind.</summary>
    public static List<PrintedTable> Tables(string stdout)
    {
        var tables = new List<PrintedTable>();
        foreach (var block in stdout.Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0) continue;
            tables.Add(new PrintedTable(Columns(lines[0]), lines.Skip(1).Select(l => (IReadOnlyList<string>)Columns(l)).ToList()));
        }
        return tables;
    }

    /// <summary>The cells of one printed line.</summary>
    public static string[] Columns(string line) => Gap().Split(line.Trim());

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Gap();
}

/// <summary>A long-running kubectl (get -w, logs -f) whose output lines are collected as they arrive.</summary>
public sealed class KubectlStream : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Task _reader;

    private KubectlStream(Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line) _lines.Enqueue(line);
        });
    }

    /// <summary>Lines printed so far.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>Starts kubectl with the fixture's kubeconfig and cache.</summary>
    public static KubectlStream Start(EmulatorFixture fx, params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--kubeconfig", fx.KubeconfigPath, "--cache-dir", Path.Combine(fx.Directory, "kube-cache") }.Concat(args))
            psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = fx.Directory;
        psi.Environment.Remove("KUBECONFIG");
        return new KubectlStream(Process.Start(psi)!);
    }

    /// <summary>Waits until a printed line satisfies <paramref name="match"/>.</summary>
    public Task WaitForLine(Func<string, bool> match, string what) =>
        EmulatorFixture.Eventually(() => Task.FromResult(_lines.Any(match)), what + "; got:\n" + string.Join('\n', _lines));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        await _reader;
        _process.Dispose();
    }
}
