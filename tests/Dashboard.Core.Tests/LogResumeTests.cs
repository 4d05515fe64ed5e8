using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Core.Streams;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>
/// What a server that closes a follow early looks like to one container stream: it resumes from the last second it saw
/// and skips what it already delivered (a canned HTTP handler plays the API server).
/// </summary>
public sealed class LogResumeTests
{
    private sealed class CannedLogs(params string[] bodies) : HttpMessageHandler
    {
        private int _next;
        public ConcurrentQueue<string> Queries { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Queries.Enqueue(Uri.UnescapeDataString(request.RequestUri!.Query));
            var i = Interlocked.Increment(ref _next) - 1;
            var body = i < bodies.Length ? bodies[i] : "";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        }
    }

    private static KubeObject RunningPod() => new(JsonNode.Parse("""
        {"metadata":{"name":"p","namespace":"ns","uid":"u1"},"spec":{"containers":[{"name":"app"}]},
         "status":{"phase":"Running","containerStatuses":[{"name":"app","containerID":"c://1","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}
        """)!.AsObject());

    [Fact]
    public async Task A_follow_the_server_closes_early_resumes_at_the_last_second_without_repeating_lines()
    {
        var handler = new CannedLogs(
            "2026-01-01T00:00:01.5Z a\n2026-01-01T00:00:02.1Z b\n2026-01-01T00:00:02.1Z c\n",
            // sinceTime=…:02Z gives back b and c (same timestamp) before the new line d.
            "2026-01-01T00:00:02.1Z b\n2026-01-01T00:00:02.1Z c\n2026-01-01T00:00:02.1Z d\n2026-01-01T00:00:03Z e\n");
        using var client = new KubeApiClient(KubeClientSettingsLoader.Explicit(new Uri("https://kube.test"), "t"), handler: handler);
        var lines = new ConcurrentQueue<LogLine>();
        using var streams = new SemaphoreSlim(1);
        using var stop = new CancellationTokenSource();
        var stream = new ContainerLogStream(client, new PodState(RunningPod()), new LogSource("ns", "p", "app"),
            new LogRequest { TailLines = 10 }, joinedLater: false, lines.Enqueue, streams);

        var run = stream.RunAsync(stop.Token);
        await StreamFixture.Eventually(() => Task.FromResult(lines.Any(l => l.Text == "e")), "the resumed lines");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(["a", "b", "c", "d", "e"], lines.Where(l => l.Kind == LogLineKind.Text).Select(l => l.Text));
        var queries = handler.Queries.ToList();
        Assert.Contains("tailLines=10", queries[0], StringComparison.Ordinal);
        Assert.Contains("timestamps=true", queries[0], StringComparison.Ordinal);
        Assert.DoesNotContain("tailLines", queries[1], StringComparison.Ordinal);
        Assert.Contains("sinceTime=2026-01-01T00:00:02Z", queries[1], StringComparison.Ordinal);
    }
}
