using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests.Printing;

/// <summary>A Table of 30,000 pods (what <c>kubectl get pods -A</c> asks for on a large cluster) must stay quick.</summary>
public sealed class TablePerformanceTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    /// <summary>User plus system CPU time of the calling thread (Linux /proc, clock ticks of 10 ms).</summary>
    private static TimeSpan ThreadCpu()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    [Fact]
    public async Task Thirty_thousand_pods_print_as_a_table_within_three_seconds_of_cpu()
    {
        var pods = fx.Emulator.Context.Type("", "pods");
        var template = JsonNode.Parse("""
            {"metadata":{"labels":{"app":"load"}},"spec":{"nodeName":"node-1","containers":[{"name":"app","image":"nginx:1.27"}]},
             "status":{"phase":"Running","podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.1"}],"conditions":[{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"app","ready":true,"restartCount":1,"state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}},
               "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:00:00Z"}}}]}}
            """)!.AsObject();
        for (var i = 0; i < 30_000; i++)
        {
            var pod = template.Clone();
            pod.Meta()["name"] = $"load-{i:D5}";
            fx.Emulator.Context.Api.Create(pods, "default", pod, UserInfo.System);
        }

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = fx.Emulator.Url, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fx.Emulator.AdminToken);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        var body = await http.GetStringAsync("/api/v1/namespaces/default/pods");
        var table = JsonNode.Parse(body)!;
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        var rows = table["rows"]!.AsArray();
        Assert.Equal(30_000, rows.Count);
        Assert.Equal("1/1", rows[0]!["cells"]![1]!.GetValue<string>());
        Assert.StartsWith("1 (", rows[0]!["cells"]![3]!.GetValue<string>(), StringComparison.Ordinal);

        // The cost itself, measured as this thread's CPU time (the machine is shared: waiting for a core is not the
        // emulator's cost, and other tests run in this process at the same time): list, parse, print, serialize.
        var context = fx.Emulator.Context;
        var detached = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var request = new Server.ApiRequest(detached, UserInfo.System, new Server.RequestInfo { Type = pods }, context);
        var cpuBefore = ThreadCpu();
        var (items, rv) = context.Store.List(pods, "default");
        var bytes = Server.TableWriter.BuildBytes(context, request, pods, items.Select(i => i.ToJson()), rv.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        var cpu = ThreadCpu() - cpuBefore;
        Assert.True(bytes.Length > 5_000_000);
        Console.WriteLine($"30,000-pod table: {cpu.TotalMilliseconds:F0} ms of CPU, {bytes.Length / 1024 / 1024} MiB");
        Assert.True(cpu < TimeSpan.FromSeconds(3), $"the table took {cpu.TotalSeconds:F1} s of CPU");
    }
}
