using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Tests;

/// <summary>Runs without controllers: pods get their status written here, so logs and exec do not depend on kubelet timing.</summary>
public sealed class StaticPodsFixture : EmulatorClientFixture
{
    protected override EmulatorOptions Options => new() { Scenario = "empty", RunControllers = false };

    public void RunningPod(string name, params string[] containers)
    {
        var context = Emulator.Context;
        var pods = context.Type("", "pods");
        var started = DateTimeOffset.UtcNow.AddMinutes(-2);
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = "node-1",
                ["containers"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["image"] = "nginx:1.27" }).ToArray()),
            },
        };
        var created = context.Api.Create(pods, "default", pod, UserInfo.System);
        created["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["podIP"] = "10.244.1.9",
            ["startTime"] = Json.Time(started),
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c, ["ready"] = true, ["started"] = true, ["restartCount"] = 0, ["image"] = "nginx:1.27", ["imageID"] = "",
                ["containerID"] = "containerd://" + Guid.NewGuid().ToString("N"),
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Json.Time(started) } },
                ["lastState"] = new JsonObject(),
            }).ToArray()),
        };
        context.Api.Update(pods, "default", name, created, UserInfo.System, new Dashboard.Kubernetes.Emulator.Registry.WriteOptions { Subresource = "status" });
    }
}

public sealed class ClientStreamTests(StaticPodsFixture fx) : IClassFixture<StaticPodsFixture>
{
    [Fact]
    public async Task Logs_honour_tail_and_timestamps_and_follow_keeps_streaming()
    {
        fx.RunningPod("logger", "web");
        var tail = new List<string>();
        await foreach (var line in fx.Admin.LogsAsync("default", "logger", new LogOptions { TailLines = 5, Timestamps = true })) tail.Add(line);
        Assert.Equal(5, tail.Count);
        Assert.All(tail, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z ", l));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var followed = new List<string>();
        await foreach (var line in fx.Admin.LogsAsync("default", "logger", new LogOptions { Follow = true, TailLines = 1 }, cts.Token))
        {
            followed.Add(line);
            if (followed.Count == 3) break; // the first is the tail, the next two arrived live
        }
        Assert.Equal(3, followed.Count);
    }

    [Fact]
    public async Task Logs_errors_are_the_servers_messages()
    {
        fx.RunningPod("two-containers", "app", "sidecar");
        var e = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var _ in fx.Admin.LogsAsync("default", "two-containers")) { }
        });
        Assert.Equal(400, e.Code);
        Assert.Contains("a container name must be specified for pod two-containers, choose one of: [app sidecar]", e.Message);
    }

    [Fact]
    public async Task Exec_runs_a_command_and_reports_its_exit_code()
    {
        fx.RunningPod("shell", "web");
        await using (var ok = await fx.Admin.ExecAsync("default", "shell", new ExecOptions(["sh", "-c", "echo hello; echo oops >&2"])))
        {
            var (stdout, stderr, result) = await ok.CollectAsync();
            Assert.Equal("v5.channel.k8s.io", ok.Protocol);
            Assert.Equal("hello\n", stdout);
            Assert.Equal("oops\n", stderr);
            Assert.Equal(0, result.ExitCode);
        }
        await using (var failing = await fx.Admin.ExecAsync("default", "shell", new ExecOptions(["sh", "-c", "exit 3"])))
        {
            var (_, _, result) = await failing.CollectAsync();
            Assert.Equal(3, result.ExitCode);
            Assert.False(result.Success);
        }
        await using (var interactive = await fx.Admin.ExecAsync("default", "shell", new ExecOptions(["sh"]) { Stdin = true }))
        {
            await interactive.WriteStdinAsync("echo from-stdin\nexit 0\n");
            await interactive.CloseStdinAsync();
            var (stdout, _, result) = await interactive.CollectAsync();
            Assert.Contains("from-stdin", stdout);
            Assert.Equal(0, result.ExitCode);
        }
    }

    [Fact]
    public async Task Exec_into_a_missing_pod_is_refused_with_its_status()
    {
        var e = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.ExecAsync("default", "nope", new ExecOptions(["ls"])));
        Assert.Equal(404, e.Code);
    }
}
