using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dashboard.Core.Streams;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>The pure parts of log streaming: the ring buffer, timestamps, selectors, container states, strings.</summary>
public sealed class StreamUnitTests
{
    private static readonly LogSource Web = new("ns", "web-1", "web");

    private static async Task<List<LogLine>> Drain(LogBuffer buffer, int maxBatch = 1000)
    {
        var lines = new List<LogLine>();
        await foreach (var batch in buffer.ReadAllAsync(maxBatch)) lines.AddRange(batch);
        return lines;
    }

    [Fact]
    public async Task The_buffer_drops_the_oldest_unread_lines_and_marks_the_gap_where_it_is()
    {
        var buffer = new LogBuffer(3);
        for (var i = 1; i <= 5; i++) buffer.Write(new LogLine(Web, null, $"line {i}"));
        buffer.Complete();
        buffer.Write(new LogLine(Web, null, "after the end"));

        var lines = await Drain(buffer);
        Assert.Equal(LogStatus.Dropped, lines[0].Status);
        Assert.Equal(2, lines[0].Count);
        Assert.Equal(["line 3", "line 4", "line 5"], lines.Skip(1).Select(l => l.Text));
        Assert.Equal(2, buffer.DroppedTotal);
    }

    [Fact]
    public async Task The_buffer_hands_out_batches_no_larger_than_asked_and_a_slow_reader_never_blocks_writers()
    {
        var buffer = new LogBuffer(100_000);
        for (var i = 0; i < 250_000; i++) buffer.Write(new LogLine(Web, null, "x"));
        Assert.Equal(100_000, buffer.Pending);
        buffer.Complete();
        var batches = new List<int>();
        await foreach (var batch in buffer.ReadAllAsync(40_000)) batches.Add(batch.Count);
        Assert.Equal([40_001, 40_000, 20_000], batches); // the first batch starts with the dropped marker
    }

    [Fact]
    public void Kubelet_timestamps_parse_with_nanoseconds_and_format_back()
    {
        var (time, text) = LogTimestamps.Split("2026-11-22T01:02:03.123456789Z GET / 200");
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567), time);
        Assert.Equal("GET / 200", text);
        Assert.Equal("2026-11-22T01:02:03.1234567Z", LogTimestamps.Format(time!.Value));
        Assert.Equal("2026-11-22T01:02:03Z", LogTimestamps.Format(new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.Zero)));
        Assert.Equal((null, "plain line"), LogTimestamps.Split("plain line"));
        Assert.Equal((null, "2026-13-45T99:00:00Z x"), LogTimestamps.Split("2026-13-45T99:00:00Z x"));
        Assert.Equal("", LogTimestamps.Split("2026-11-22T01:02:03Z").Text);
    }

    [Fact]
    public void Selectors_become_label_selector_queries()
    {
        Assert.Equal("app=web,tier in (a,b),env notin (dev),canary,!legacy", PodSelectors.ToQuery(JsonNode.Parse("""
            {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]},
             {"key":"env","operator":"NotIn","values":["dev"]},{"key":"canary","operator":"Exists"},{"key":"legacy","operator":"DoesNotExist"}]}
            """)));
        Assert.Equal("app=db,role=primary", PodSelectors.ToQuery(JsonNode.Parse("""{"app":"db","role":"primary"}""")));
        Assert.Equal("", PodSelectors.ToQuery(new JsonObject()));
        Assert.Null(PodSelectors.ToQuery(null));
        Assert.Throws<FormatException>(() => PodSelectors.ToQuery(JsonNode.Parse("""{"matchExpressions":[{"key":"a","operator":"Gt"}]}""")));
    }

    private static KubeObject PodJson(string json) => new(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void Container_states_tell_runs_apart_and_know_who_restarts()
    {
        var pod = PodJson("""
            {"metadata":{"name":"p"},"spec":{"restartPolicy":"Always",
              "initContainers":[{"name":"init"},{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}],"ephemeralContainers":[{"name":"debug"}]},
             "status":{"phase":"Running",
              "initContainerStatuses":[{"name":"init","state":{"terminated":{"exitCode":0,"reason":"Completed","containerID":"c://i1"}}},
                                       {"name":"proxy","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}},"containerID":"c://p1"}],
              "containerStatuses":[{"name":"app","restartCount":2,"containerID":"c://a3","state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 20s"}},
                                    "lastState":{"terminated":{"exitCode":3,"reason":"Error","containerID":"c://a3"}}}]}}
            """);
        Assert.Equal(["init", "proxy", "app", "debug"], ContainerStates.Names(pod).Select(n => n.Name));

        var init = ContainerStates.Of(pod, "init")!;
        Assert.Equal("c://i1", init.Run);
        Assert.False(ContainerStates.WillRestart(pod, init));
        var proxy = ContainerStates.Of(pod, "proxy")!;
        Assert.True(proxy.Running && proxy.Sidecar);
        Assert.Equal("c://p1", proxy.Run);
        var app = ContainerStates.Of(pod, "app")!;
        Assert.Null(app.Run);
        Assert.Equal(("CrashLoopBackOff", "back-off 20s", "c://a3", 3, 2L), (app.WaitingReason, app.WaitingMessage, app.LastRun, app.LastExitCode, app.RestartCount));
        Assert.True(ContainerStates.WillRestart(pod, app));
        Assert.Equal("Pending", ContainerStates.Of(pod, "debug")!.WaitingReason); // not bound to a node yet
        Assert.Null(ContainerStates.Of(pod, "nope"));

        var never = PodJson("""
            {"metadata":{"name":"p"},"spec":{"restartPolicy":"OnFailure","containers":[{"name":"app"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":0,"startedAt":"2026-01-01T00:00:00Z"}}}]}}
            """);
        var done = ContainerStates.Of(never, "app")!;
        Assert.Equal("2026-01-01T00:00:00Z", done.Run);
        Assert.False(ContainerStates.WillRestart(never, done));

        var unscheduled = PodJson("""
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]}}
            """);
        Assert.Equal("Unschedulable", ContainerStates.Of(unscheduled, "app")!.WaitingReason);
    }

    [Fact]
    public void Default_container_follows_the_kubectl_annotation()
    {
        Assert.Equal("b", TerminalService.DefaultContainer(PodJson("""
            {"metadata":{"name":"p","annotations":{"kubectl.kubernetes.io/default-container":"b"}},"spec":{"containers":[{"name":"a"},{"name":"b"}]}}
            """)));
        Assert.Equal("a", TerminalService.DefaultContainer(PodJson("""
            {"metadata":{"name":"p","annotations":{"kubectl.kubernetes.io/default-container":"gone"}},"spec":{"containers":[{"name":"a"},{"name":"b"}]}}
            """)));
    }

    [Fact]
    public void Status_lines_read_well()
    {
        var c = CultureInfo.InvariantCulture;
        Assert.Equal("web is waiting to start: ImagePullBackOff", LogLine.ForStatus(Web, LogStatus.Waiting, "ImagePullBackOff").Describe(c));
        Assert.Equal("web restarted (restart 4); following the new run", LogLine.ForStatus(Web, LogStatus.Restarted, count: 4).Describe(c));
        Assert.Equal("Pod web-1 joined", LogLine.ForStatus(Web with { Container = null }, LogStatus.Joined).Describe(c));
        Assert.Equal("[pod/web-1] Pod web-1 left", LogLine.ForStatus(new LogSource("ns", "web-1", null), LogStatus.Left).Format(true, true, c));
        Assert.Equal("[pod/web-1/web]", Web.Prefix);
    }

    [Fact]
    public void Every_english_string_has_a_chinese_translation_with_the_same_placeholders()
    {
        static Dictionary<string, string> Read(string file) =>
            XDocument.Load(Path.Combine(Root(), "src", "Dashboard.Core", "Resources", file)).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var en = Read("CoreStrings.resx");
        var zh = Read("CoreStrings.zh-CN.resx");
        foreach (var status in Enum.GetNames<LogStatus>()) Assert.Contains("Logs_" + status, en.Keys);
        foreach (var error in Enum.GetNames<TerminalError>()) Assert.Contains("Terminal_" + error, en.Keys);
        foreach (var (key, value) in en)
        {
            Assert.True(zh.TryGetValue(key, out var translated), $"{key} has no zh-CN entry");
            Assert.Equal(Placeholders(value), Placeholders(translated!));
        }

        static string Root()
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Dashboard.sln"))) dir = Path.GetDirectoryName(dir)!;
            return dir;
        }
        static List<string> Placeholders(string s) =>
            System.Text.RegularExpressions.Regex.Matches(s, @"\{\d\}").Select(m => m.Value).Distinct().Order().ToList();
    }
}
