using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Tests;

public sealed class ClientOperationsTests(EmulatorClientFixture fx) : IClassFixture<EmulatorClientFixture>
{
    private static JsonObject ConfigMapJson(string name, string value = "v", Dictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = labels is null ? null : new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        },
        ["data"] = new JsonObject { ["k"] = value },
    };

    private async Task<string> Namespace(string name)
    {
        await fx.Admin.CreateAsync(Models.Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    [Fact]
    public async Task Create_get_replace_and_delete_round_trip_with_typed_errors()
    {
        var ns = await Namespace("crud");
        var created = await fx.Admin.CreateAsync(ConfigMap.Resource, ns, ConfigMapJson("app"));
        Assert.False(string.IsNullOrEmpty(created.Uid));
        Assert.Equal("crud", created.Namespace);

        var typed = await fx.Admin.GetAsync<ConfigMap>(ns, "app");
        Assert.Equal("v", typed.GetString("data.k"));

        var stale = typed.Clone();
        typed.Json["data"]!["k"] = "w";
        var replaced = await fx.Admin.ReplaceAsync(ConfigMap.Resource, typed);
        Assert.NotEqual(typed.ResourceVersion, replaced.ResourceVersion);

        stale.Json["data"]!["k"] = "x";
        var conflict = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.ReplaceAsync(ConfigMap.Resource, stale));
        Assert.True(conflict.IsConflict);
        Assert.Contains("the object has been modified", conflict.Message);

        var dup = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.CreateAsync(ConfigMap.Resource, ns, ConfigMapJson("app")));
        Assert.True(dup.IsAlreadyExists);

        await fx.Admin.DeleteAsync(ConfigMap.Resource, ns, "app");
        var gone = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.GetAsync(ConfigMap.Resource, ns, "app"));
        Assert.True(gone.IsNotFound);
        Assert.Equal("app", gone.Name);
        Assert.Equal("configmaps", gone.Kind);
        Assert.Equal("configmaps \"app\" not found", gone.Message);
    }

    [Fact]
    public async Task Dry_run_create_and_delete_change_nothing()
    {
        var ns = await Namespace("dry");
        var dry = await fx.Admin.CreateAsync(ConfigMap.Resource, ns, ConfigMapJson("ghost"), new WriteOptions { DryRun = true });
        Assert.Equal("ghost", dry.Name);
        Assert.True((await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.GetAsync(ConfigMap.Resource, ns, "ghost"))).IsNotFound);

        await fx.Admin.CreateAsync(ConfigMap.Resource, ns, ConfigMapJson("kept"));
        await fx.Admin.DeleteAsync(ConfigMap.Resource, ns, "kept", new DeleteOptions { DryRun = true });
        Assert.Equal("kept", (await fx.Admin.GetAsync(ConfigMap.Resource, ns, "kept")).Name);
    }

    [Fact]
    public async Task List_all_follows_pages_and_selectors_filter()
    {
        var ns = await Namespace("listing");
        for (var i = 0; i < 12; i++)
            await fx.Admin.CreateAsync(ConfigMap.Resource, ns, ConfigMapJson($"cm-{i:D2}", labels: new() { ["parity"] = i % 2 == 0 ? "even" : "odd" }));
        // Every namespace also holds the kube-root-ca.crt ConfigMap (published asynchronously): select the test's own.
        var own = new ListOptions { LabelSelector = "parity" };
        var all = await fx.Admin.ListAllAsync(ConfigMap.Resource, ns, own, pageSize: 5);
        Assert.Equal(12, all.Items.Count);
        Assert.False(string.IsNullOrEmpty(all.ResourceVersion));
        Assert.All(all.Items, i => Assert.Equal("ConfigMap", i.Kind));

        var page = await fx.Admin.ListAsync(ConfigMap.Resource, ns, new ListOptions { LabelSelector = "parity", Limit = 5 });
        Assert.Equal(5, page.Items.Count);
        Assert.NotNull(page.Continue);
        Assert.Null(page.RemainingItemCount); // the server gives no count when a selector filters

        // Without a selector the count comes back: 13 objects once kube-root-ca.crt is there, 5 on this page.
        for (var i = 0; i < 100 && (await fx.Admin.ListAsync(ConfigMap.Resource, ns)).Items.Count < 13; i++) await Task.Delay(100);
        var unselected = await fx.Admin.ListAsync(ConfigMap.Resource, ns, new ListOptions { Limit = 5 });
        Assert.Equal(8, unselected.RemainingItemCount);

        var odd = await fx.Admin.ListAsync(ConfigMap.Resource, ns, new ListOptions { LabelSelector = "parity=odd" });
        Assert.Equal(6, odd.Items.Count);
        var one = await fx.Admin.ListAsync(ConfigMap.Resource, ns, new ListOptions { FieldSelector = "metadata.name=cm-03" });
        Assert.Equal("cm-03", Assert.Single(one.Items).Name);

        var bad = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.ListAsync(ConfigMap.Resource, ns, new ListOptions { FieldSelector = "data.k=v" }));
        Assert.Equal(400, bad.Code);
        Assert.Equal("field label not supported: data.k", bad.Message);

        await fx.Admin.DeleteCollectionAsync(ConfigMap.Resource, ns, new ListOptions { LabelSelector = "parity=even" });
        Assert.Equal(6, (await fx.Admin.ListAllAsync(ConfigMap.Resource, ns, own)).Items.Count);
    }

    [Fact]
    public async Task Watch_delivers_changes_after_the_list_version_in_order()
    {
        var ns = await Namespace("watching");
        var list = await fx.Admin.ListAsync(ConfigMap.Resource, ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<(WatchEventType, string)>();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in fx.Admin.WatchAsync<ConfigMap>(ns, new WatchOptions { ResourceVersion = list.ResourceVersion }, cts.Token))
            {
                if (e.Type == WatchEventType.Bookmark) continue;
                seen.Add((e.Type, e.Object!.Name));
                if (seen.Count == 3) return;
            }
        });
        await Task.Delay(300);
        var created = await fx.Admin.CreateAsync(ConfigMap.Resource, ns, ConfigMapJson("w"));
        created.Json["data"]!["k"] = "changed";
        await fx.Admin.ReplaceAsync(ConfigMap.Resource, created);
        await fx.Admin.DeleteAsync(ConfigMap.Resource, ns, "w");
        await watch;
        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w")], seen);
    }

    [Fact]
    public async Task Discovery_finds_built_in_kinds_with_verbs_and_subresources()
    {
        var kinds = await fx.Admin.DiscoverAsync();
        var deployments = Assert.Single(kinds, k => k.Group == "apps" && k.Plural == "deployments");
        Assert.Contains("scale", deployments.Subresources);
        Assert.Contains("watch", deployments.Verbs);
        Assert.Contains("deploy", deployments.ShortNames);
        Assert.Equal(deployments, fx.Admin.Kinds.Resolve("deploy"));
        Assert.Equal("pods", fx.Admin.Kinds.Resolve("po")!.Plural);
        var version = await fx.Admin.VersionAsync();
        Assert.Equal("32", (string?)version["minor"]);
    }
}
