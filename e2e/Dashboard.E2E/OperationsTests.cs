using System.Globalization;
using Dashboard.Core.Actions;
using Dashboard.Core.Caching;
using Dashboard.E2E.Pages;
using Dashboard.Kubernetes.Emulator.Testing;
using Dashboard.Kubernetes.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Dashboard.E2E;

/// <summary>/healthz, /readyz, /metrics and the JSON console log of the running app (demo mode).</summary>
public sealed class OperationsTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    private HttpClient Http() => new() { BaseAddress = fx.BaseUrl };

    private string Server => fx.Emulator.Url.Authority;

    /// <summary>The value of one series in /metrics, or null when absent.</summary>
    private static double? Value(string text, string series)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private async Task<string> MetricsAsync()
    {
        using var http = Http();
        return await http.GetStringAsync("/metrics");
    }

    private async Task EventuallyAsync(Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        while (!condition(text = await MetricsAsync()))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; /metrics was:\n{text}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Healthz_answers_while_readyz_follows_the_cluster()
    {
        using var http = Http();
        var health = await http.GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
        Assert.Equal("ok", await http.GetStringAsync("/readyz"));

        using (fx.Emulator.Context.Faults.Add(new Fault { PathContains = "/version", StatusCode = 500 }))
        {
            var down = await http.GetAsync("/readyz");
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("cluster demo unreachable", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // Liveness never depends on the cluster: an API server outage must not restart the dashboard.
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        Assert.Equal("ok", await http.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task Metrics_count_the_circuit_informers_and_requests_of_a_signed_in_user()
    {
        using var http = Http();
        var response = await http.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());

        var page = await fx.NewPageAsync();
        var shell = await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        await shell.OpenListAsync("Pods");

        var text = await MetricsAsync();
        Assert.Contains("# TYPE dashboard_circuits gauge", text, StringComparison.Ordinal);
        Assert.True(Value(text, "dashboard_circuits") >= 1, text);
        Assert.True(Value(text, "dashboard_circuit_connections") >= 1, text);
        Assert.True(Value(text, "dashboard_informers{state=\"live\"}") >= 1, text);
        Assert.True(Value(text, "dashboard_cache_objects") >= fx.Emulator.Context.Store.Count(fx.Emulator.Context.Type("", "pods")), text);
        Assert.True(Value(text, $"dashboard_kube_requests_total{{code=\"200\",resource=\"pods\",server=\"{Server}\",verb=\"list\"}}") >= 1, text);
        Assert.Contains($"dashboard_kube_request_duration_seconds_count{{code=\"200\",server=\"{Server}\",verb=\"watch\"}}", text, StringComparison.Ordinal);

        // Closing the tab drops its connection (the circuit itself is kept a while for a reconnect).
        var connected = Value(text, "dashboard_circuit_connections");
        await page.Context.CloseAsync();
        await EventuallyAsync(t => Value(t, "dashboard_circuit_connections") < connected, "the closed tab's connection to be counted down");
    }

    [Fact]
    public async Task Actions_are_counted_by_name_and_outcome()
    {
        var pool = fx.App.Services.GetRequiredService<KubeClientPool>();
        var actions = fx.App.Services.GetRequiredService<ActionService>();
        var admin = new ActionContext("demo", pool.SignIn("demo", fx.Emulator.AdminToken), "admin");
        var (deployments, _) = fx.Emulator.Context.Store.List(fx.Emulator.Context.Type("apps", "deployments"), "shop");
        var target = new ObjectRef(Deployment.Resource, "shop", deployments[0].Name);
        var before = Value(await MetricsAsync(), "dashboard_actions_total{action=\"restart\",outcome=\"success\"}") ?? 0;

        await actions.RestartAsync(admin, target);
        await Assert.ThrowsAsync<ActionFailedException>(() => actions.RestartAsync(admin, target with { Name = "no-such-deployment" }));

        var text = await MetricsAsync();
        Assert.Equal(before + 1, Value(text, "dashboard_actions_total{action=\"restart\",outcome=\"success\"}"));
        Assert.True(Value(text, "dashboard_actions_total{action=\"restart\",outcome=\"failure\"}") >= 1, text);
    }

    [Fact]
    public void Console_logs_are_json()
    {
        var options = fx.App.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, options.FormatterName);
        Assert.Contains(fx.App.Services.GetServices<Microsoft.Extensions.Logging.ILoggerProvider>(), p => p is ConsoleLoggerProvider);
    }
}
