using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

public sealed class PodLogsTests : IClassFixture<StreamsFixture>
{
    private readonly StreamsFixture _fx;

    public PodLogsTests(StreamsFixture fx)
    {
        _fx = fx;
        lock (fx)
        {
            var ctx = fx.Emulator.Context;
            if (ctx.Api.TryGet(ctx.Type("", "pods"), "default", "web") is not null) return;
            var now = DateTimeOffset.UtcNow;
            StreamsPods.Create(ctx, "default", "web", [StreamsPods.Container("nginx", "nginx:1.27")], [StreamsPods.Running("nginx", now.AddMinutes(-2))]);
            StreamsPods.Create(ctx, "default", "api", [StreamsPods.Container("api", "example.com/shop/api:2.1")],
                [StreamsPods.Running("api", now.AddMinutes(-1), 2, StreamsPods.Terminated(now.AddMinutes(-3), now.AddMinutes(-1).AddSeconds(-5), 3, "Error"))]);
            StreamsPods.Create(ctx, "default", "duo", [StreamsPods.Container("app", "redis:7"), StreamsPods.Container("sidecar", "busybox", ["sh", "-c", "while true; do echo tick $(date); sleep 1; done"])],
                [StreamsPods.Running("app", now.AddMinutes(-5)), StreamsPods.Running("sidecar", now.AddMinutes(-5))]);
            StreamsPods.Create(ctx, "default", "pulling", [StreamsPods.Container("c", "nginx:doesnotexist")], [StreamsPods.Waiting("c", "ImagePullBackOff")], phase: "Pending");
            StreamsPods.Create(ctx, "default", "quiet", [StreamsPods.Container("c", "busybox", ["sleep", "3600"])], [StreamsPods.Running("c", now.AddMinutes(-1))]);
            StreamsPods.Create(ctx, "default", "creating", [StreamsPods.Container("c", "nginx")], [StreamsPods.Waiting("c", "ContainerCreating")], phase: "Pending");
        }
    }

    [Fact]
    public async Task Logs_are_believable_and_stable()
    {
        var first = (await _fx.Kubectl("logs", "web")).EnsureSuccess();
        Assert.StartsWith("/docker-entrypoint.sh:", first.Stdout);
        Assert.Contains("HTTP/1.1\" ", first.Stdout);
        var lines = first.Stdout.TrimEnd('\n').Split('\n');
        Assert.InRange(lines.Length, 30, 130);
        var again = (await _fx.Kubectl("logs", "web")).EnsureSuccess();
        Assert.StartsWith(first.Stdout, again.Stdout);
    }

    [Fact]
    public async Task Tail_since_timestamps_and_limit_bytes()
    {
        var tail = (await _fx.Kubectl("logs", "web", "--tail=3", "--timestamps")).EnsureSuccess();
        var lines = tail.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            var stamp = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$", stamp);
            Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(stamp, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromSeconds(20));
        }

        var since = (await _fx.Kubectl("logs", "web", "--since=10s")).EnsureSuccess();
        Assert.InRange(since.Stdout.TrimEnd('\n').Split('\n').Length, 2, 12);

        var limited = (await _fx.Kubectl("logs", "web", "--limit-bytes=100")).EnsureSuccess();
        Assert.Equal(100, System.Text.Encoding.UTF8.GetByteCount(limited.Stdout));
    }

    [Fact]
    public async Task Previous_logs_end_with_the_error_and_are_absent_without_a_restart()
    {
        var previous = (await _fx.Kubectl("logs", "api", "--previous")).EnsureSuccess();
        var last = previous.Stdout.TrimEnd('\n').Split('\n')[^1];
        Assert.Contains("\"level\":\"fatal\"", last);
        Assert.Contains("\"exitCode\":3", last);

        var none = await _fx.Kubectl("logs", "web", "--previous");
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("previous terminated container \"nginx\" in pod \"web\" not found", none.Stderr);
    }

    [Fact]
    public async Task Container_flag_picks_a_container_and_raw_requests_must_name_one()
    {
        var sidecar = (await _fx.Kubectl("logs", "duo", "-c", "sidecar", "--tail=2")).EnsureSuccess();
        Assert.All(sidecar.Stdout.TrimEnd('\n').Split('\n'), l => Assert.StartsWith("tick ", l));
        var redis = (await _fx.Kubectl("logs", "duo", "-c", "app")).EnsureSuccess();
        Assert.Contains("Ready to accept connections tcp", redis.Stdout);

        var raw = await _fx.Kubectl("get", "--raw", "/api/v1/namespaces/default/pods/duo/log");
        Assert.NotEqual(0, raw.ExitCode);
        Assert.Contains("a container name must be specified for pod duo, choose one of: [app sidecar]", raw.Stderr);
        var wrong = await _fx.Kubectl("logs", "duo", "-c", "nope");
        Assert.Contains("container nope is not valid for pod duo", wrong.Stderr);
    }

    [Fact]
    public async Task Waiting_containers_explain_why_there_is_no_log()
    {
        var pulling = await _fx.Kubectl("logs", "pulling");
        Assert.NotEqual(0, pulling.ExitCode);
        Assert.Contains("container \"c\" in pod \"pulling\" is waiting to start: trying and failing to pull image", pulling.Stderr);
        var creating = await _fx.Kubectl("logs", "creating");
        Assert.Contains("container \"c\" in pod \"creating\" is waiting to start: ContainerCreating", creating.Stderr);
    }

    [Fact]
    public async Task Follow_streams_new_lines_until_the_container_stops()
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--kubeconfig", _fx.KubeconfigPath, "--cache-dir", Path.Combine(_fx.Directory, "kube-cache"), "logs", "-f", "--tail=1", "--timestamps", "duo", "-c", "sidecar" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            var start = DateTimeOffset.UtcNow;
            var seen = new List<string>();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (seen.Count < 4)
            {
                var line = await p.StandardOutput.ReadLineAsync(cts.Token);
                Assert.NotNull(line);
                seen.Add(line);
            }
            // The first line is the tail; the next ones were produced while we waited, about a second apart.
            var stamps = seen.Select(l => DateTimeOffset.Parse(l[..l.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(stamps[^1] > start, $"expected a line produced after {start:O}: {string.Join(" | ", seen)}");
            Assert.All(seen, l => Assert.Contains(" tick ", l));

            // The container stops: the stream ends by itself.
            var ctx = _fx.Emulator.Context;
            var pods = ctx.Type("", "pods");
            var pod = ctx.Api.Get(pods, "default", "duo");
            var sidecar = pod["status"]!["containerStatuses"]!.AsArray()[1]!.AsObject();
            var started = sidecar["state"]!["running"]!["startedAt"]!.GetValue<string>();
            sidecar["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = started, ["finishedAt"] = Api.Json.Time(DateTimeOffset.UtcNow) } };
            ctx.Api.Update(pods, "default", "duo", pod, Api.UserInfo.System, new Registry.WriteOptions { Subresource = "status" });
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await p.WaitForExitAsync(exit.Token);
            Assert.Equal(0, p.ExitCode);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_silent_container_follows_without_output()
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--kubeconfig", _fx.KubeconfigPath, "--cache-dir", Path.Combine(_fx.Directory, "kube-cache"), "logs", "-f", "quiet" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(p.HasExited);
        p.Kill(entireProcessTree: true);
        Assert.Equal("", await output);
    }
}
