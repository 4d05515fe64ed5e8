using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests.Printing;

/// <summary>A Table of 30,000 pods (what <c>kubectl get pods -A</c> asks for on a large cluster) must stay quick.</summary>
public sealed class TablePerformanceTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Thirty_thousand_pods_print_as_a_table_in_a_few_seconds()
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
        // CPU time rather than wall time: the machine is shared, and waiting for a core is not the emulator's cost.
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var body = await http.GetStringAsync("/api/v1/namespaces/default/pods");
        sw.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var table = JsonNode.Parse(body)!;
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        var rows = table["rows"]!.AsArray();
        Assert.Equal(30_000, rows.Count);
        Assert.Equal("1/1", rows[0]!["cells"]![1]!.GetValue<string>());
        Assert.StartsWith("1 (", rows[0]!["cells"]![3]!.GetValue<string>(), StringComparison.Ordinal);
        Console.WriteLine($"30,000-pod table in {sw.ElapsedMilliseconds} ms wall, {cpu.TotalMilliseconds:F0} ms CPU, {body.Length / 1024 / 1024} MiB");
        Assert.True(cpu < TimeSpan.FromSeconds(4), $"the table took {cpu.TotalSeconds:F1} s of CPU");
    }
}
