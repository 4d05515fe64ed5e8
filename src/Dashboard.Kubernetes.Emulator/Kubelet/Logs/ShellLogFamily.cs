using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>
/// busybox / alpine style containers running a shell loop: the log is what the command echoes, at the pace of its
/// <c>sleep</c>. A shell that echoes nothing writes nothing, like the real thing.
/// </summary>
internal sealed partial class ShellLogFamily : ILogFamily
{
    private static readonly HashSet<string> Images = new(StringComparer.Ordinal)
    {
        "busybox", "alpine", "ubuntu", "debian", "bash", "curl", "centos", "fedora", "rockylinux", "almalinux", "toolbox",
    };

    public bool Matches(string repository, LogSubject subject) =>
        Images.Contains(repository) || (IsShell(subject.Container.Command) && Echo(subject) is not null);

    public (double Period, double Jitter) Cadence(LogSubject subject)
    {
        if (Echo(subject) is null) return (0, 0);
        var script = string.Join(' ', subject.Container.Command);
        var sleep = SleepPattern().Match(script);
        if (sleep.Success && double.TryParse(sleep.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
            return (Math.Max(s, 0.2), Math.Min(0.05, s / 10));
        return (2.0, 1.0);
    }

    public string Line(LogSubject subject, ContainerRun run, long index, ulong hash, DateTimeOffset time)
    {
        var text = Echo(subject) ?? "";
        return VariablePattern().Replace(text, m =>
        {
            var v = m.Value;
            if (v.Contains("date", StringComparison.Ordinal))
                return time.UtcDateTime.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
            if (v.Contains("hostname", StringComparison.Ordinal) || v.Contains("HOSTNAME", StringComparison.Ordinal)) return subject.PodName;
            if (v.StartsWith("$((", StringComparison.Ordinal)) return (index + 1).ToString(CultureInfo.InvariantCulture);
            var name = v.Trim('$', '{', '}');
            var env = subject.Container.Spec.Items("env").FirstOrDefault(e => e.Str("name") == name);
            if (env?.Str("value") is { } value) return value;
            return name.Length <= 2 ? (index + 1).ToString(CultureInfo.InvariantCulture) : "";
        });
    }

    public string? FinalLine(LogSubject subject, ContainerRun run, ContainerExit exit)
    {
        if (exit.Reason == "OOMKilled") return "Killed";
        return exit.ExitCode == 0 ? null : $"error: exiting with status {exit.ExitCode}";
    }

    private static bool IsShell(IReadOnlyList<string> command) =>
        command.Count > 0 && (command[0].EndsWith("sh", StringComparison.Ordinal) || command[0].EndsWith("bash", StringComparison.Ordinal));

    private static string? Echo(LogSubject subject)
    {
        var script = string.Join(' ', subject.Container.Command);
        var m = EchoPattern().Match(script);
        if (!m.Success) return null;
        return m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value.Trim();
    }

    [GeneratedRegex("""echo\s+(?:-[a-z]+\s+)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^;&|\n]+))""")]
    private static partial Regex EchoPattern();

    [GeneratedRegex(@"sleep\s+([0-9.]+)")]
    private static partial Regex SleepPattern();

    [GeneratedRegex(@"\$\(\([^)]*\)\)|\$\([a-z]+[^)]*\)|`[a-z]+`|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex VariablePattern();
}
