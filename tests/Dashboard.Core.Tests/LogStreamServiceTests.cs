using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Streams;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>Log sessions against the emulator's kubelet: follow, containers, previous, restarts, workloads, errors.</summary>
public sealed class LogStreamServiceTests(StreamFixture fx) : IClassFixture<StreamFixture>
{
    private const string Ticker = "i=0; while true; do echo tick $i; sleep 0.2; done";
    private string Admin => fx.Cluster.AdminIdentity;

    private LogReader Open(string ns, string pod, LogRequest request) => new(fx.Logs.OpenPod("emulator", Admin, ns, pod, request));

    private int LogRequestsDone(string ns, string pod) =>
        fx.Cluster.Emulator.Context.Requests.Entries.Count(r => r.Path == $"/api/v1/namespaces/{ns}/pods/{pod}/log" && r.Query.Contains("follow=true", StringComparison.Ordinal));

    [Fact]
    public async Task Follow_receives_new_lines_and_dispose_ends_the_servers_streams()
    {
        var ns = await fx.NewNamespace("logs-follow");
        await fx.ShellPod(ns, "ticker", ("main", Ticker));
        await fx.Running(ns, "ticker");

        var reader = Open(ns, "ticker", new LogRequest { TailLines = 1 });
        await using (reader)
        {
            await reader.WaitFor(l => l.Count(x => x.Kind == LogLineKind.Text) >= 4, "four lines: the tail and three new ones");
            var text = reader.Text;
            Assert.All(text, l => Assert.StartsWith("tick ", l.Text, StringComparison.Ordinal));
            Assert.All(text, l => Assert.Equal(new LogSource(ns, "ticker", "main"), l.Source));
            var times = text.Select(l => l.Time!.Value).ToList();
            Assert.Equal(times.Order(), times);
            Assert.Equal(times.Count, times.Distinct().Count());
            Assert.Equal([new LogSource(ns, "ticker", "main")], reader.Session.Sources);
            Assert.Equal(1, reader.Session.OpenStreams);
            Assert.Equal(0, LogRequestsDone(ns, "ticker"));
        }
        Assert.True(reader.Session.Completion.IsCompleted);
        Assert.Equal(0, reader.Session.OpenStreams);
        // The emulator logs a request when its handler returns: a follow stream left open would never show up.
        await StreamFixture.Eventually(() => Task.FromResult(LogRequestsDone(ns, "ticker") == 1), "the server's follow stream to end");
    }

    [Fact]
    public async Task Deleting_the_pod_ends_its_session()
    {
        var ns = await fx.NewNamespace("logs-deleted");
        await fx.ShellPod(ns, "doomed", ("main", Ticker));
        await fx.Running(ns, "doomed");

        await using var reader = Open(ns, "doomed", new LogRequest());
        await reader.WaitFor(l => l.Any(x => x.Kind == LogLineKind.Text), "a first line");
        await fx.Admin.DeleteAsync(Pod.Resource, ns, "doomed");
        await reader.ReadToEnd();
        // The container is stopped first (graceful deletion), then the pod disappears: either ends the session.
        Assert.Contains(reader.Lines[^1].Status, new[] { LogStatus.Terminated, LogStatus.Left });
        Assert.Equal(0, reader.Session.OpenStreams);
    }

    [Fact]
    public async Task All_containers_are_read_each_line_tagged_with_its_container_and_timestamps_format_like_kubectl()
    {
        var ns = await fx.NewNamespace("logs-containers");
        await fx.ShellPod(ns, "pair", ("web", "while true; do echo from-web; sleep 0.2; done"), ("sidecar", "while true; do echo from-sidecar; sleep 0.2; done"));
        await fx.Running(ns, "pair");

        await using var reader = Open(ns, "pair", new LogRequest { Timestamps = true });
        await reader.WaitFor(l => l.Any(x => x.Text == "from-web") && l.Any(x => x.Text == "from-sidecar"), "lines of both containers");
        Assert.All(reader.Text, l => Assert.Equal(l.Source!.Container == "web" ? "from-web" : "from-sidecar", l.Text));
        Assert.Equal(["web", "sidecar"], reader.Session.Sources.Select(s => s.Container));
        var line = reader.Text[0];
        var formatted = line.Format(timestamps: true, prefix: true, CultureInfo.InvariantCulture);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \[pod/pair/(web|sidecar)\] from-", formatted);
        Assert.Equal(line.Text, line.Format(timestamps: false, prefix: false));
    }

    [Fact]
    public async Task Tail_and_since_limit_what_a_read_without_follow_returns_and_the_session_ends_by_itself()
    {
        var ns = await fx.NewNamespace("logs-tail");
        await fx.ShellPod(ns, "counter", ("main", Ticker));
        await fx.Running(ns, "counter");
        await Written(ns, "counter", 3);
        await using var first = Open(ns, "counter", new LogRequest { Follow = false });
        await first.ReadToEnd();
        Assert.True(first.Text.Count >= 3, first.Dump());

        await using var tail = Open(ns, "counter", new LogRequest { Follow = false, TailLines = 2 });
        await tail.ReadToEnd();
        Assert.Equal(2, tail.Text.Count);

        var from = first.Text[^2].Time!.Value;
        await using var since = Open(ns, "counter", new LogRequest { Follow = false, SinceTime = from });
        await since.ReadToEnd();
        Assert.NotEmpty(since.Text);
        // sinceTime has whole-second precision on the wire: everything from that second on, nothing before it.
        Assert.All(since.Text, l => Assert.True(l.Time >= from.AddTicks(-(from.Ticks % TimeSpan.TicksPerSecond))));
        Assert.Contains(since.Text, l => l.Time == from);
    }

    [Fact]
    public async Task Previous_reads_the_crashed_run_and_following_a_crash_loop_reports_exit_and_restart()
    {
        var ns = await fx.NewNamespace("logs-crash");
        await fx.ShellPod(ns, "crasher", ("app", "echo starting; exit 3"));
        await StreamFixture.Eventually(async () =>
            (await fx.Admin.GetAsync(Pod.Resource, ns, "crasher")).Json["status"]?["containerStatuses"]?[0]?["lastState"]?["terminated"] is not null,
            "a first crash");

        await using (var previous = Open(ns, "crasher", new LogRequest { Previous = true }))
        {
            await previous.ReadToEnd();
            Assert.Contains(previous.Text, l => l.Text == "error: exiting with status 3");
        }

        await using var follow = Open(ns, "crasher", new LogRequest());
        await follow.WaitFor(l => l.Any(x => x.Status == LogStatus.Restarted), "a restart while following");
        var terminated = follow.Statuses(LogStatus.Terminated);
        Assert.NotEmpty(terminated);
        Assert.Equal(3, terminated[0].Count);
        Assert.Equal("app terminated with exit code 3 (Error)", terminated[0].Describe(CultureInfo.InvariantCulture));
        // The restarted run prints its line after the restart status, not necessarily at once.
        await follow.WaitFor(l => l.Any(x => x.Text == "error: exiting with status 3"), "the restarted run's output");
    }

    [Fact]
    public async Task A_missing_previous_run_pod_or_container_is_a_status_line_and_the_session_ends()
    {
        var ns = await fx.NewNamespace("logs-missing");
        await fx.ShellPod(ns, "fresh", ("main", Ticker));
        await fx.Running(ns, "fresh");

        await using var previous = Open(ns, "fresh", new LogRequest { Previous = true });
        await previous.ReadToEnd();
        var none = Assert.Single(previous.Lines);
        Assert.Equal(LogStatus.NoPrevious, none.Status);
        Assert.Contains("previous terminated container \"main\" in pod \"fresh\" not found", none.Detail, StringComparison.Ordinal);

        await using var pod = Open(ns, "ghost", new LogRequest());
        await pod.ReadToEnd();
        Assert.Equal(LogStatus.NotFound, Assert.Single(pod.Lines).Status);

        await using var container = Open(ns, "fresh", new LogRequest { Container = "nope" });
        await container.ReadToEnd();
        var notFound = Assert.Single(container.Lines);
        Assert.Equal(LogStatus.NotFound, notFound.Status);
        Assert.Equal("nope", notFound.Source!.Container);
    }

    [Fact]
    public async Task A_waiting_container_is_reported_and_its_lines_come_once_it_starts()
    {
        var ns = await fx.NewNamespace("logs-waiting");
        await fx.Pod(ns, "needs-config", new JsonObject
        {
            ["name"] = "main",
            ["image"] = "busybox:1.36",
            ["command"] = new JsonArray("sh", "-c", "while true; do echo configured; sleep 0.2; done"),
            ["envFrom"] = new JsonArray(new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = "late-config" } }),
        });
        await using var reader = Open(ns, "needs-config", new LogRequest());
        await reader.WaitFor(l => l.Any(x => x.Status == LogStatus.Waiting && x.Detail!.StartsWith("CreateContainerConfigError", StringComparison.Ordinal)),
            "the config error as the waiting reason");
        Assert.Empty(reader.Text);

        await fx.Cluster.CreateConfigMap(ns, "late-config");
        await reader.WaitFor(l => l.Any(x => x.Text == "configured"), "lines once the container started");
        Assert.False(reader.Session.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_user_without_access_gets_a_forbidden_line()
    {
        var ns = await fx.NewNamespace("logs-forbidden");
        await fx.ShellPod(ns, "secret-pod", ("main", Ticker));
        var nobody = fx.Nobody("logs-nobody");

        await using var reader = new LogReader(fx.Logs.OpenPod("emulator", nobody, ns, "secret-pod", new LogRequest()));
        await reader.ReadToEnd();
        var line = Assert.Single(reader.Lines);
        Assert.Equal(LogStatus.Forbidden, line.Status);
        Assert.Contains("logs-nobody", line.Detail, StringComparison.Ordinal);

        await using var merged = new LogReader(fx.Logs.OpenSelector("emulator", nobody, ns, "test=secret-pod", new LogRequest()));
        await merged.WaitFor(l => l.Any(x => x.Status == LogStatus.Forbidden), "the forbidden pod list of a merged session");
    }

    [Fact]
    public async Task Merged_workload_logs_prefix_every_pod_and_follow_scale_up_and_down()
    {
        var ns = await fx.NewNamespace("logs-workload");
        var deployment = await fx.Admin.CreateAsync(Deployment.Resource, ns, JsonNode.Parse("""
            {"metadata":{"name":"echo"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"echo"}},
             "template":{"metadata":{"labels":{"app":"echo"}},"spec":{"containers":[{"name":"app","image":"busybox:1.36",
               "command":["sh","-c","while true; do echo hello from $HOSTNAME; sleep 0.2; done"]}]}}}}
            """)!.AsObject());
        await PodsRunning(ns, 2);

        var reader = new LogReader(fx.Logs.OpenWorkload("emulator", Admin, deployment, new LogRequest { TailLines = 1 }));
        await using (reader)
        {
            Assert.True(reader.Session.Merged);
            Assert.Equal("deployment/echo", reader.Session.Title);
            await reader.WaitFor(l => l.Where(x => x.Kind == LogLineKind.Text).Select(x => x.Source!.Pod).Distinct().Count() == 2, "lines of both pods");
            Assert.All(reader.Text, l => Assert.Equal($"hello from {l.Source!.Pod}", l.Text));
            Assert.All(reader.Text, l => Assert.Equal($"[pod/{l.Source!.Pod}/app] {l.Text}", l.Format(false, true)));

            await fx.Admin.ScaleAsync(Deployment.Resource, ns, "echo", 3);
            await reader.WaitFor(l => l.Any(x => x.Status == LogStatus.Joined), "the new pod to join");
            var joined = reader.Statuses(LogStatus.Joined)[0].Source!.Pod;
            await reader.WaitFor(l => l.Any(x => x.Kind == LogLineKind.Text && x.Source!.Pod == joined), "lines of the new pod");
            Assert.Equal(3, reader.Session.Sources.Count);

            await fx.Admin.ScaleAsync(Deployment.Resource, ns, "echo", 2);
            await reader.WaitFor(l => l.Any(x => x.Status == LogStatus.Left), "a pod to leave");
            await StreamFixture.Eventually(() => Task.FromResult(reader.Session.Sources.Count == 2), "two sources after scale-down");
        }
        Assert.Equal(0, reader.Session.OpenStreams);
        var pods = reader.Text.Select(l => l.Source!.Pod).Distinct().ToList();
        await StreamFixture.Eventually(() => Task.FromResult(pods.All(p => LogRequestsDone(ns, p) >= 1)), "every follow stream to end on the server");
    }

    [Fact]
    public async Task A_reader_that_falls_behind_gets_a_dropped_marker_not_unbounded_memory()
    {
        var ns = await fx.NewNamespace("logs-dropped");
        await fx.ShellPod(ns, "chatty", ("main", Ticker));
        await fx.Running(ns, "chatty");
        await Written(ns, "chatty", 12);

        var session = fx.Logs.OpenPod("emulator", Admin, ns, "chatty", new LogRequest { Follow = false, TailLines = 12, BufferLines = 5 });
        await using var _ = session;
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var lines = new List<LogLine>();
        await foreach (var batch in session.ReadAllAsync()) lines.AddRange(batch);

        Assert.Equal(6, lines.Count);
        Assert.Equal(LogStatus.Dropped, lines[0].Status);
        Assert.Equal(7, lines[0].Count);
        Assert.Equal(7, session.DroppedLines);
        Assert.Equal("7 lines dropped: the viewer fell behind", lines[0].Describe(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Server_errors_on_the_log_request_are_reported_and_the_stream_recovers()
    {
        var ns = await fx.NewNamespace("logs-faults");
        await fx.ShellPod(ns, "flaky", ("main", Ticker));
        await fx.Running(ns, "flaky");
        using var fault = fx.Cluster.Emulator.Context.Faults.Add(new Kubernetes.Emulator.Testing.Fault { PathContains = "/pods/flaky/log", StatusCode = 503, Times = 4 });

        await using var reader = Open(ns, "flaky", new LogRequest());
        await reader.WaitFor(l => l.Any(x => x.Status == LogStatus.Reconnecting), "the 503 reported");
        await reader.WaitFor(l => l.Any(x => x.Kind == LogLineKind.Text), "lines after the server recovered");
    }

    [Fact]
    public void Invalid_requests_and_workloads_without_a_selector_are_refused_with_a_message()
    {
        var bad = Assert.Throws<ArgumentException>(() => fx.Logs.OpenPod("emulator", Admin, "x", "y", new LogRequest { TailLines = -1 }));
        Assert.StartsWith("Tail lines must be zero or more.", bad.Message, StringComparison.Ordinal);
        Assert.NotNull(new LogRequest { SinceSeconds = 5, SinceTime = DateTimeOffset.UtcNow }.Validate());
        Assert.NotNull(new LogRequest { SinceSeconds = 0 }.Validate());
        Assert.Null(new LogRequest { SinceSeconds = 5, TailLines = 0 }.Validate());

        var cronJob = new KubeObject(JsonNode.Parse("""{"kind":"CronJob","metadata":{"name":"nightly","namespace":"x"},"spec":{}}""")!.AsObject());
        var e = Assert.Throws<ArgumentException>(() => fx.Logs.OpenWorkload("emulator", Admin, cronJob, new LogRequest()));
        Assert.StartsWith("cronjob/nightly has no pod selector", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Waits until the container has written at least this many lines.</summary>
    private async Task Written(string ns, string pod, int lines) =>
        await StreamFixture.Eventually(async () =>
        {
            await using var probe = Open(ns, pod, new LogRequest { Follow = false });
            await probe.ReadToEnd();
            return probe.Text.Count >= lines;
        }, $"{lines} lines written by {pod}");

    private async Task PodsRunning(string ns, int count) =>
        await StreamFixture.Eventually(async () =>
        {
            var pods = await fx.Admin.ListAsync(Pod.Resource, ns);
            return pods.Items.Count(p => p.GetString("status.phase") == "Running") == count;
        }, $"{count} running pods in {ns}");
}
