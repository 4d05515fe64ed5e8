using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Emulator.Testing;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Tests;

public sealed class ClientFaultTests(EmulatorClientFixture fx) : IClassFixture<EmulatorClientFixture>
{
    private static JsonObject ConfigMapJson(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_and_succeeds()
    {
        fx.Emulator.Context.Requests.Clear();
        using var _ = fx.Emulator.Context.Faults.Add(new Fault { PathContains = "/api/v1/namespaces/default/secrets", StatusCode = 429, RetryAfterSeconds = 1, Times = 1 });
        var list = await fx.Admin.ListAsync(Secret.Resource, "default");
        Assert.NotNull(list);
        var attempts = fx.Emulator.Context.Requests.Entries.Where(r => r.Path == "/api/v1/namespaces/default/secrets").Select(r => r.StatusCode).ToList();
        Assert.Equal([429, 200], attempts);
    }

    [Fact]
    public async Task A_write_is_not_retried_on_5xx_without_Retry_After()
    {
        fx.Emulator.Context.Requests.Clear();
        using var _ = fx.Emulator.Context.Faults.Add(new Fault { PathContains = "/configmaps", Method = "POST", StatusCode = 500, Times = 1 });
        var e = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.CreateAsync(ConfigMap.Resource, "default", ConfigMapJson("once")));
        Assert.Equal(500, e.Code);
        Assert.Single(fx.Emulator.Context.Requests.Entries, r => r.Method == "POST" && r.Path.EndsWith("/configmaps", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dropped_watch_resumes_from_the_last_version_without_losing_or_repeating_events()
    {
        var list = await fx.Admin.ListAsync(ConfigMap.Resource, "default");
        using var drop = fx.Emulator.Context.Faults.Add(new Fault { PathContains = "/configmaps", Watch = true, DropWatchAfterEvents = 1, Times = 2 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var names = new List<string>();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in fx.Admin.WatchAsync(ConfigMap.Resource, "default", new WatchOptions { ResourceVersion = list.ResourceVersion }, cts.Token))
            {
                if (e.Type != WatchEventType.Added) continue;
                names.Add(e.Object!.Name);
                if (names.Count == 4) return;
            }
        });
        await Task.Delay(300);
        foreach (var n in new[] { "drop-1", "drop-2", "drop-3", "drop-4" })
            await fx.Admin.CreateAsync(ConfigMap.Resource, "default", ConfigMapJson(n));
        await watch;
        Assert.Equal(["drop-1", "drop-2", "drop-3", "drop-4"], names);
        var watchRequests = fx.Emulator.Context.Requests.Entries.Count(r => r.Path == "/api/v1/namespaces/default/configmaps" && r.Verb == "watch");
        // Requests are logged when they end: the two dropped ones are there, the resumed one is still open.
        Assert.True(watchRequests >= 2, $"expected two dropped watches, saw {watchRequests}");
    }

    [Fact]
    public async Task An_expired_resource_version_ends_the_watch_with_the_relist_signal()
    {
        var list = await fx.Admin.ListAsync(ConfigMap.Resource, "kube-system");
        await fx.Admin.CreateAsync(ConfigMap.Resource, "kube-system", ConfigMapJson("compact-me"));
        fx.Emulator.Context.Store.CompactAll();
        var events = new List<WatchEvent<KubeObject>>();
        await foreach (var e in fx.Admin.WatchAsync(ConfigMap.Resource, "kube-system", new WatchOptions { ResourceVersion = list.ResourceVersion }))
            events.Add(e);
        var last = Assert.Single(events);
        Assert.Equal(WatchEventType.Expired, last.Type);
        Assert.Contains("too old resource version", last.Message);
    }

    [Fact]
    public void A_malformed_watch_line_is_reported_and_not_fatal()
    {
        Assert.Equal(WatchEventType.Malformed, KubeApiClient.Decode("{not json").Type);
        Assert.Equal(WatchEventType.Malformed, KubeApiClient.Decode("{\"type\":\"ADDED\"}").Type);
        var bookmark = KubeApiClient.Decode("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"12\"}}}");
        Assert.Equal((WatchEventType.Bookmark, "12"), (bookmark.Type, bookmark.ResourceVersion));
    }

    [Fact]
    public async Task A_server_that_is_down_gives_a_clear_connection_error()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new KubeApiClient(KubeClientSettingsLoader.Explicit(new Uri($"https://127.0.0.1:{port}"), "t"));
        var e = await Assert.ThrowsAsync<KubeConnectionException>(() => client.ListAsync(Pod.Resource, "default"));
        Assert.Equal(KubeConnectionFailure.Refused, e.Failure);
        Assert.Contains("no API server is listening", e.Message);
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_a_TLS_error()
    {
        using var client = new KubeApiClient(KubeClientSettingsLoader.Explicit(fx.Emulator.Url, fx.Emulator.AdminToken, TestCertificates.CaPem));
        var e = await Assert.ThrowsAsync<KubeConnectionException>(() => client.ListAsync(Pod.Resource, "default"));
        Assert.Equal(KubeConnectionFailure.Tls, e.Failure);
    }

    [Fact]
    public async Task An_unknown_token_is_unauthorized()
    {
        using var client = fx.ClientFor("bogus");
        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync(Pod.Resource, "default"));
        Assert.True(e.IsUnauthorized);
        Assert.Equal("Unauthorized", e.Message);
    }
}
