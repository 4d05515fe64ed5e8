using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Testing;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The list/watch contract that informers depend on, checked on the wire.</summary>
public sealed class ListWatchProtocolTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly RawApi _api = new(fx.Emulator);

    public void Dispose() => _api.Dispose();

    private static JsonObject ConfigMap(string name, string ns = "default", Dictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = labels is null ? null : new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    /// <summary>Read-modify-write through PUT, so these tests depend on no patch format.</summary>
    private async Task Change(string name, Action<JsonObject> edit)
    {
        var (_, current) = await _api.Get($"/api/v1/namespaces/default/configmaps/{name}");
        var obj = current!.AsObject();
        edit(obj);
        Assert.Equal(200, (await _api.Send(HttpMethod.Put, $"/api/v1/namespaces/default/configmaps/{name}", obj)).Code);
    }

    [Fact]
    public async Task Paged_list_follows_continue_tokens_and_returns_every_item_once()
    {
        await _api.Send(HttpMethod.Post, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "paging" } });
        for (var i = 0; i < 23; i++)
            Assert.Equal(201, (await _api.Post("/api/v1/namespaces/paging/configmaps", ConfigMap($"cm-{i:D2}", "paging"))).Code);

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (code, body) = await _api.Get($"/api/v1/namespaces/paging/configmaps?limit=5{(token is null ? "" : "&continue=" + Uri.EscapeDataString(token))}");
            Assert.Equal(200, code);
            pages++;
            names.AddRange(body!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
            token = body["metadata"]!["continue"]?.GetValue<string>();
        } while (token is not null);

        Assert.Equal(5, pages);
        // The namespace may also hold its kube-root-ca.crt ConfigMap (published asynchronously, as in a real cluster).
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"cm-{i:D2}"), names.Where(n => n != "kube-root-ca.crt"));
        var (_, unselected) = await _api.Get("/api/v1/namespaces/paging/configmaps?limit=5");
        Assert.NotNull(unselected!["metadata"]!["remainingItemCount"]);
        var (_, selected) = await _api.Get("/api/v1/namespaces/paging/configmaps?limit=5&fieldSelector=metadata.namespace%3Dpaging");
        Assert.NotNull(selected!["metadata"]!["continue"]);
        Assert.Null(selected["metadata"]!["remainingItemCount"]); // as the real server: no count when a selector filters

        var bad = await _api.Get("/api/v1/namespaces/paging/configmaps?limit=5&continue=garbage");
        Assert.Equal(400, bad.Code);
    }

    [Fact]
    public async Task Watch_from_a_list_resource_version_sees_only_later_changes_in_order()
    {
        Assert.Equal(201, (await _api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("before"))).Code);
        var (_, list) = await _api.Get("/api/v1/namespaces/default/configmaps");
        var rv = list!["metadata"]!["resourceVersion"]!.GetValue<string>();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<(string Type, string Name)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in _api.Watch($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}", cts.Token))
            {
                events.Add((e["type"]!.GetValue<string>(), e["object"]!["metadata"]!["name"]!.GetValue<string>()));
                if (events.Count == 3) break;
            }
        });
        await Task.Delay(300);
        await _api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("after"));
        await Change("after", o => o["data"] = new JsonObject { ["k"] = "w" });
        await _api.Send(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/after");
        await watching;
        Assert.Equal([("ADDED", "after"), ("MODIFIED", "after"), ("DELETED", "after")], events);
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_410_Expired_as_an_error_event()
    {
        var (_, list) = await _api.Get("/api/v1/namespaces/default/configmaps");
        var rv = list!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await _api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("compacted"));
        fx.Emulator.Context.Store.CompactAll();

        var lines = new List<JsonObject>();
        await foreach (var e in _api.Watch($"/api/v1/configmaps?watch=true&resourceVersion={rv}")) lines.Add(e);
        var error = Assert.Single(lines);
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Label_selected_watch_sees_objects_entering_and_leaving_the_selection()
    {
        await _api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("mover", labels: new() { ["tier"] = "a" }));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var types = new List<string>();
        var (_, list) = await _api.Get("/api/v1/namespaces/default/configmaps");
        var rv = list!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in _api.Watch($"/api/v1/namespaces/default/configmaps?watch=1&labelSelector=tier%3Db&resourceVersion={rv}", cts.Token))
            {
                types.Add(e["type"]!.GetValue<string>());
                if (types.Count == 2) break;
            }
        });
        await Task.Delay(300);
        await Change("mover", o => o["metadata"]!["labels"] = new JsonObject { ["tier"] = "b" });
        await Change("mover", o => o["metadata"]!["labels"] = new JsonObject { ["tier"] = "c" });
        await watching;
        Assert.Equal(["ADDED", "DELETED"], types);
    }

    [Fact]
    public async Task Bookmarks_carry_a_resource_version_and_timeoutSeconds_ends_the_stream()
    {
        var (_, list) = await _api.Get("/api/v1/namespaces/default/configmaps");
        var rv = list!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var lines = new List<JsonObject>();
        var started = DateTime.UtcNow;
        await foreach (var e in _api.Watch($"/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion={rv}"))
            lines.Add(e);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 2.5, 15);
        var bookmark = lines.First(l => l["type"]!.GetValue<string>() == "BOOKMARK");
        Assert.Equal("ConfigMap", bookmark["object"]!["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Field_selectors_filter_and_unsupported_fields_are_rejected_like_the_real_server()
    {
        await _api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("field-a"));
        await _api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("field-b"));
        var (code, body) = await _api.Get("/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dfield-b");
        Assert.Equal(200, code);
        Assert.Equal("field-b", Assert.Single(body!["items"]!.AsArray())!["metadata"]!["name"]!.GetValue<string>());

        var (badCode, bad) = await _api.Get("/api/v1/configmaps?fieldSelector=data.k%3Dv");
        Assert.Equal(400, badCode);
        Assert.Equal("field label not supported: data.k", bad!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stale_update_conflicts_and_dry_run_stores_nothing()
    {
        var (_, created) = await _api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("occ"));
        var stale = created!.AsObject().DeepClone().AsObject();
        var fresh = created.AsObject().DeepClone().AsObject();
        fresh["data"] = new JsonObject { ["k"] = "fresh" };
        Assert.Equal(200, (await _api.Send(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/occ", fresh)).Code);
        stale["data"] = new JsonObject { ["k"] = "stale" };
        var (code, status) = await _api.Send(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/occ", stale);
        Assert.Equal(409, code);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"occ\": the object has been modified; please apply your changes to the latest version and try again",
            status!["message"]!.GetValue<string>());

        Assert.Equal(201, (await _api.Post("/api/v1/namespaces/default/configmaps?dryRun=All", ConfigMap("dry"))).Code);
        Assert.Equal(404, (await _api.Get("/api/v1/namespaces/default/configmaps/dry")).Code);
    }

    [Fact]
    public async Task Injected_faults_answer_with_status_and_retry_after_and_requests_are_logged()
    {
        using (fx.Emulator.Context.Faults.Add(new Fault { PathContains = "/secrets", StatusCode = 429, RetryAfterSeconds = 2, Times = 1 }))
        {
            var resp = await _api.Http.GetAsync("/api/v1/namespaces/default/secrets");
            Assert.Equal(429, (int)resp.StatusCode);
            Assert.Equal("2", resp.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(200, (int)(await _api.Http.GetAsync("/api/v1/namespaces/default/secrets")).StatusCode);
        }
        Assert.Contains(fx.Emulator.Context.Requests.Entries, r => r.Path == "/api/v1/namespaces/default/secrets" && r.StatusCode == 429 && r.Verb == "list");
    }
}
