using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Kubelet.Exec.Shell;
using Dashboard.Kubernetes.Emulator.Kubelet.Logs;
using Dashboard.Kubernetes.Emulator.Metrics;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Pure logic behind logs, exec and metrics: no server, no kubectl.</summary>
public sealed class StreamsLogicTests
{
    private static ContainerRun Run(string image, string[]? command = null, ContainerExit? exit = null, DateTimeOffset? start = null)
    {
        var spec = new JsonObject { ["name"] = "c", ["image"] = image };
        if (command is not null) spec["command"] = new JsonArray(command.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
        var subject = new LogSubject("uid-1", "pod", "ns", "10.0.0.1", new PodContainer("c", spec, null, false));
        return new ContainerRun(subject, start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), exit);
    }

    [Fact]
    public void Lines_come_every_one_to_three_seconds_and_the_index_of_a_time_is_exact()
    {
        var run = Run("example.com/app:1");
        for (var i = 0; i < 500; i++)
        {
            var gap = (run.TimeOf(i + 1) - run.TimeOf(i)).TotalSeconds;
            Assert.InRange(gap, 1.0, 3.0);
            Assert.Equal(i, run.LastIndexAt(run.TimeOf(i)));
            Assert.Equal(i, run.LastIndexAt(run.TimeOf(i + 1).AddTicks(-1)));
        }
        Assert.Equal(-1, run.LastIndexAt(run.StartedAt));
        Assert.Equal(run.LineAt(42), Run("example.com/app:1").LineAt(42));
    }

    [Fact]
    public void Families_follow_the_image_and_ended_runs_end_with_their_exit()
    {
        Assert.StartsWith("/docker-entrypoint.sh", Run("docker.io/library/nginx:1.27@sha256:abc").LineAt(0));
        Assert.Contains("Redis", Run("bitnami/redis:7").LineAt(1));
        Assert.Contains("PostgreSQL", Run("postgres:16").LineAt(3));
        Assert.Equal("hello pod", Run("busybox", ["sh", "-c", "while true; do echo \"hello $HOSTNAME\"; sleep 5; done"]).LineAt(3));
        Assert.True(Run("busybox", ["sleep", "3600"]).Silent);

        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var oom = Run("example.com/app:1", exit: new ContainerExit(start.AddMinutes(1), 137, "OOMKilled"));
        var lines = oom.Lines(start.AddHours(1)).ToList();
        Assert.Contains("out of memory", lines[^1].Text);
        Assert.Equal(start.AddMinutes(1), lines[^1].Time);
        Assert.All(lines.SkipLast(1), l => Assert.True(l.Time < start.AddMinutes(1)));
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", 0)]
    [InlineData("2026-01-01T00:00:00.5Z", 5_000_000)]
    [InlineData("2026-01-01T00:00:00.1234567Z", 1_234_567)]
    public void Timestamps_are_rfc3339_nano_without_trailing_zeros(string expected, long ticks) =>
        Assert.Equal(expected, LogWriter.Rfc3339Nano(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(ticks)));

    [Theory]
    [InlineData("250m", 0.25)]
    [InlineData("2", 2)]
    [InlineData("128Mi", 134_217_728)]
    [InlineData("1G", 1e9)]
    [InlineData("137329083n", 0.137329083)]
    [InlineData("1e3", 1000)]
    public void Quantities_parse(string text, double value) => Assert.Equal(value, ResourceQuantity.Parse(text)!.Value, 6);

    private static async Task<(int Status, string Out, string Err)> Sh(string script, bool busybox = true)
    {
        var fs = new VirtualFileSystem();
        fs.Dir("/tmp");
        fs.File("/etc/hostname", "pod\n");
        var env = new ContainerEnvironment
        {
            PodName = "pod", Namespace = "ns", PodIp = "10.0.0.1", NodeName = "n", Image = "busybox", Busybox = busybox,
            MainCommand = ["sh"], StartedAt = DateTimeOffset.UtcNow, Env = new Dictionary<string, string> { ["HOME"] = "/root" },
            Files = fs, Cpus = 2, MemoryBytes = 1 << 30,
        };
        var shell = new ShellInterpreter(env, () => DateTimeOffset.UtcNow);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var io = new ShellIO { Out = s => { stdout.Append(s); return Task.CompletedTask; }, Err = s => { stderr.Append(s); return Task.CompletedTask; } };
        var status = await shell.RunScriptAsync(script, io, CancellationToken.None);
        return (status, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("echo 'a  b' \"c $HOME\" d\\ e", "a  b c /root d e\n")]
    [InlineData("X=3; echo $((X * (2 + 5))) ${Y:-none} $?", "21 none 0\n")]
    [InlineData("echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f | wc -l", "2\n")]
    [InlineData("false && echo no || echo yes; true || echo never", "yes\n")]
    [InlineData("cd /tmp && pwd; cd .. ; pwd", "/tmp\n/\n")]
    [InlineData("echo $(hostname)-`echo x`; printf '%s=%s\\n' k v", "pod-x\nk=v\n")]
    [InlineData("echo first; exit 4; echo never", "first\n")]
    [InlineData("printf 'b\\na\\nc\\n' | sort | head -n 2 | grep -v b", "a\n")]
    public async Task Scripts_behave_like_a_posix_shell(string script, string expected)
    {
        var (_, stdout, _) = await Sh(script);
        Assert.Equal(expected, stdout);
    }

    [Fact]
    public async Task Errors_carry_the_shell_s_words_and_status()
    {
        Assert.Equal((127, "", "sh: nope: not found\n"), await Sh("nope"));
        Assert.Equal((127, "", "sh: 1: nope: not found\n"), await Sh("nope", busybox: false));
        Assert.Equal((2, "", "sh: cd: can't cd to /missing: No such file or directory\n"), await Sh("cd /missing"));
        Assert.Equal(4, (await Sh("exit 4")).Status);
        Assert.Equal((0, "", ""), await Sh("ls /nope 2>/dev/null; true"));
        Assert.Equal((1, "", "x\n"), await Sh("echo x >&2; false"));
    }
}
