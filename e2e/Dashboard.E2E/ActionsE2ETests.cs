using System.Text.Json.Nodes;
using Dashboard.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>Each action through the UI, its result checked in the cluster; bulk actions; permissions; the audit page.</summary>
public sealed class ActionsE2ETests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    private ClusterState Cluster => new(fx.Emulator);

    private async Task<ObjectPage> OpenAsync(string path, string user = "admin")
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync(user);
        return await new ObjectPage(page).OpenAsync(path);
    }

    private static string? Image(JsonObject? deployment) => (string?)deployment?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"];

    [Fact]
    public async Task Scale_restart_pause_and_resume_a_deployment()
    {
        var p = await OpenAsync("/ns/shop/deployments.apps/cart");
        await p.ActAsync("scale");
        await p.Dialog.GetByLabel("Replicas").FillAsync("-2");
        await Assertions.Expect(p.Dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Replicas must be between 0 and 10000.");
        await Assertions.Expect(p.DialogButton("Scale")).ToBeDisabledAsync();
        await p.Dialog.GetByLabel("Replicas").FillAsync("3");
        await p.DialogButton("Scale").ClickAsync();
        await p.ExpectDoneAsync("Scale");
        await ClusterState.EventuallyAsync(() => (long?)Cluster.Get("apps", "deployments", "shop", "cart")?["spec"]?["replicas"] == 3, "cart has 3 replicas");

        await p.ActAsync("restart");
        await p.DialogButton("Restart").ClickAsync();
        await p.ExpectDoneAsync("Restart");
        Assert.NotNull((string?)Cluster.Get("apps", "deployments", "shop", "cart")?["spec"]?["template"]?["metadata"]?["annotations"]?["kubectl.kubernetes.io/restartedAt"]);

        await p.ActAsync("pause");
        await p.ExpectDoneAsync("Pause rollout");
        await ClusterState.EventuallyAsync(() => (bool?)Cluster.Get("apps", "deployments", "shop", "cart")?["spec"]?["paused"] == true, "cart paused");
        // The live object flips the toolbar from pause to resume.
        await p.ActAsync("resume");
        await p.ExpectDoneAsync("Resume rollout");
        await ClusterState.EventuallyAsync(() => (bool?)Cluster.Get("apps", "deployments", "shop", "cart")?["spec"]?["paused"] != true, "cart resumed");
    }

    [Fact]
    public async Task Set_image_then_roll_back_with_a_preview_of_the_difference()
    {
        var before = Image(Cluster.Get("apps", "deployments", "shop", "catalog"))!;
        var p = await OpenAsync("/ns/shop/deployments.apps/catalog");
        await p.ActAsync("set-image");
        await p.Dialog.GetByLabel("New image").FillAsync("not a valid image");
        await Assertions.Expect(p.Dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not a valid image reference");
        await p.Dialog.GetByLabel("New image").FillAsync("ghcr.io/acme-demo/catalog:9.9.9");
        await p.DialogButton("Set image").ClickAsync();
        await p.ExpectDoneAsync("Set image");
        await ClusterState.EventuallyAsync(() => Image(Cluster.Get("apps", "deployments", "shop", "catalog")) == "ghcr.io/acme-demo/catalog:9.9.9", "catalog runs 9.9.9");
        // The new ReplicaSet makes a second revision.
        await ClusterState.EventuallyAsync(() => Cluster.List("apps", "replicasets", "shop").Count(rs => ((string?)rs["metadata"]!["name"])!.StartsWith("catalog-", StringComparison.Ordinal)) >= 2, "two catalog revisions");

        await p.ActAsync("rollback");
        var diff = p.Dialog.GetByLabel("Difference of the pod templates");
        await Assertions.Expect(diff.Locator(".diff-removed").Filter(new() { HasText = "catalog:9.9.9" })).ToBeVisibleAsync();
        await Assertions.Expect(diff.Locator(".diff-added").Filter(new() { HasText = before })).ToBeVisibleAsync();
        await p.DialogButton("Roll back").ClickAsync();
        await p.ExpectDoneAsync("Roll back");
        await ClusterState.EventuallyAsync(() => Image(Cluster.Get("apps", "deployments", "shop", "catalog")) == before, "catalog back on " + before);

        // The page's revision history follows live: the rollback is the newest revision, with the template it restored.
        var history = p.Page.GetByTestId("revisions");
        await Assertions.Expect(history.Locator("tr[data-revision]").First).ToContainTextAsync(before);
        await Assertions.Expect(p.Page.GetByTestId("revision-diff").Locator(".diff-removed").Filter(new() { HasText = "catalog:9.9.9" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Annotations_are_edited()
    {
        var p = await OpenAsync("/ns/shop/deployments.apps/frontend");
        // Labels have the shell's editor (its own tests); annotations have the key/value editor.
        int rows;
        await p.ActAsync("annotate");
        await p.DialogButton("Save").WaitForAsync();
        rows = await p.Dialog.Locator("tbody tr").CountAsync();
        await p.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await p.Dialog.GetByLabel($"Key {rows + 1}", new() { Exact = true }).FillAsync("acme.io/note");
        await p.Dialog.GetByLabel($"Value {rows + 1}", new() { Exact = true }).FillAsync("owned by the storefront team, see wiki/x");
        await p.DialogButton("Save").ClickAsync();
        await p.ExpectDoneAsync("Annotations");
        await ClusterState.EventuallyAsync(() => (string?)Cluster.Get("apps", "deployments", "shop", "frontend")?["metadata"]?["annotations"]?["acme.io/note"] == "owned by the storefront team, see wiki/x", "annotation set");
    }

    [Fact]
    public async Task Delete_with_propagation_and_evict_a_pod()
    {
        var p = await OpenAsync("/ns/data/deployments.apps/redis");
        await p.ActAsync("delete");
        await p.Dialog.GetByLabel("Orphan").CheckAsync();
        await Assertions.Expect(p.DialogButton("Delete")).ToBeDisabledAsync();
        await p.ConfirmNameAsync("redis");
        await p.DialogButton("Delete").ClickAsync();
        await p.ExpectDoneAsync("Delete");
        await ClusterState.EventuallyAsync(() => Cluster.Get("apps", "deployments", "data", "redis") is null, "redis deployment gone");
        // Orphaned: its ReplicaSet stays, without an owner.
        var orphan = Assert.Single(Cluster.List("apps", "replicasets", "data"), rs => ((string?)rs["metadata"]!["name"])!.StartsWith("redis-", StringComparison.Ordinal));
        Assert.Empty(orphan["metadata"]?["ownerReferences"] as JsonArray ?? []);

        var pod = Cluster.List("", "pods", "shop").Select(o => (string)o["metadata"]!["name"]!).First(n => n.StartsWith("cart-", StringComparison.Ordinal));
        await p.OpenAsync($"/ns/shop/pods/{pod}");
        await p.ActAsync("evict");
        await p.ConfirmNameAsync(pod);
        await p.DialogButton("Evict").ClickAsync();
        await p.ExpectDoneAsync("Evict");
        await ClusterState.EventuallyAsync(() => Cluster.Get("", "pods", "shop", pod) is not { } o || o["metadata"]?["deletionTimestamp"] is not null, "pod evicted");
    }

    [Fact]
    public async Task A_cronjob_is_suspended_resumed_and_run_now()
    {
        var p = await OpenAsync("/ns/payments/cronjobs.batch/settlement");
        await p.ActAsync("suspend");
        await p.ExpectDoneAsync("Suspend");
        await ClusterState.EventuallyAsync(() => (bool?)Cluster.Get("batch", "cronjobs", "payments", "settlement")?["spec"]?["suspend"] == true, "suspended");
        await p.ActAsync("unsuspend");
        await p.ExpectDoneAsync("Resume schedule");
        await ClusterState.EventuallyAsync(() => (bool?)Cluster.Get("batch", "cronjobs", "payments", "settlement")?["spec"]?["suspend"] == false, "resumed");
        await p.ActAsync("trigger");
        await p.ExpectDoneAsync("Run now");
        await ClusterState.EventuallyAsync(() => Cluster.List("batch", "jobs", "payments").Any(j => ((string?)j["metadata"]!["name"])!.StartsWith("settlement-manual-", StringComparison.Ordinal)
            && (string?)j["metadata"]?["ownerReferences"]?[0]?["name"] == "settlement"), "a manual job owned by the cronjob");
    }

    [Fact]
    public async Task A_node_is_cordoned_and_uncordoned()
    {
        // A demo node that is schedulable (not the drain test's own node).
        var node = Cluster.List("", "nodes", null).Where(n => (bool?)n["spec"]?["unschedulable"] != true)
            .Select(n => (string)n["metadata"]!["name"]!).Where(n => n != "drain-e2e").Order(StringComparer.Ordinal).Last();
        var p = await OpenAsync($"/cluster/nodes/{node}");
        await p.ActAsync("cordon");
        await p.ExpectDoneAsync("Cordon");
        await ClusterState.EventuallyAsync(() => (bool?)Cluster.Get("", "nodes", null, node)?["spec"]?["unschedulable"] == true, "cordoned");
        await Assertions.Expect(p.Finding("Cordoned")).ToBeVisibleAsync(); // the diagnostics panel follows the live node
        await p.ActAsync("uncordon");
        await p.ExpectDoneAsync("Uncordon");
        await ClusterState.EventuallyAsync(() => (bool?)Cluster.Get("", "nodes", null, node)?["spec"]?["unschedulable"] != true, "uncordoned");
    }

    [Fact]
    public async Task A_node_is_drained_with_progress()
    {
        // A node of its own with two bare pods, so the drain disturbs nothing else and no budget holds it up.
        var pool = fx.App.Services.GetRequiredService<Dashboard.Core.Caching.KubeClientPool>();
        var cluster = fx.App.Clusters.Default.Name;
        var admin = pool.Get(cluster, pool.SignIn(cluster, fx.Emulator.AdminToken));
        await admin.CreateAsync(Kubernetes.Models.Node.Resource, null, JsonNode.Parse("""{"metadata": {"name": "drain-e2e"}}""")!.AsObject());
        foreach (var name in new[] { "drain-e2e-a", "drain-e2e-b" })
            await admin.CreateAsync(Kubernetes.Models.Pod.Resource, "default", JsonNode.Parse($$$"""
                {"metadata": {"name": "{{{name}}}"}, "spec": {"nodeName": "drain-e2e", "containers": [{"name": "c", "image": "busybox"}]}}
                """)!.AsObject());

        var p = await OpenAsync("/cluster/nodes/drain-e2e");
        await p.ActAsync("drain");
        await Assertions.Expect(p.Dialog).ToContainTextAsync("Draining cordons node drain-e2e");
        await Assertions.Expect(p.DialogButton("Drain")).ToBeDisabledAsync();
        await p.ConfirmNameAsync("drain-e2e");
        await p.DialogButton("Drain").ClickAsync();
        await p.ExpectDoneAsync("Drain");
        await Assertions.Expect(p.Notifications.Filter(new() { HasText = "2 pod(s) evicted" }).First).ToBeVisibleAsync();
        Assert.True((bool?)Cluster.Get("", "nodes", null, "drain-e2e")?["spec"]?["unschedulable"]);
        await ClusterState.EventuallyAsync(() => new[] { "drain-e2e-a", "drain-e2e-b" }.All(n => Cluster.Get("", "pods", "default", n) is not { } o || o["metadata"]?["deletionTimestamp"] is not null),
            "both pods evicted");
    }

    [Fact]
    public async Task Bulk_restart_and_delete_selected_rows()
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        var list = new ResourceListPage(page);
        await list.OpenAsync("/deployments.apps?ns=monitoring");
        var bar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Actions on the selected rows" });
        // One at a time: each check round-trips to the server before the next.
        await page.GetByLabel("Select prometheus", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(bar).ToContainTextAsync("1 selected");
        await page.GetByLabel("Select grafana", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(bar).ToContainTextAsync("2 selected");
        await bar.Locator("button[data-action=bulk-restart]").ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Restart", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".rz-notification-item").Filter(new() { HasText = "2 of 2 done" })).ToBeVisibleAsync();
        foreach (var name in new[] { "prometheus", "grafana" })
            Assert.NotNull((string?)Cluster.Get("apps", "deployments", "monitoring", name)?["spec"]?["template"]?["metadata"]?["annotations"]?["kubectl.kubernetes.io/restartedAt"]);

        // A bulk action clears the selection, and the rows show it; the same two rows, selected again, are deleted in one go.
        await Assertions.Expect(bar).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Select prometheus", new() { Exact = true })).Not.ToBeCheckedAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(page.GetByLabel("Select grafana", new() { Exact = true })).Not.ToBeCheckedAsync(new() { Timeout = 5_000 });
        await page.GetByLabel("Select prometheus", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(bar).ToContainTextAsync("1 selected");
        await page.GetByLabel("Select grafana", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(bar).ToContainTextAsync("2 selected");
        await bar.Locator("button[data-action=bulk-delete]").ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await ClusterState.EventuallyAsync(() => Cluster.Get("apps", "deployments", "monitoring", "prometheus") is null && Cluster.Get("apps", "deployments", "monitoring", "grafana") is null,
            "both deployments deleted");
        await Assertions.Expect(list.Row("grafana")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Actions_follow_permissions()
    {
        var viewer = await OpenAsync("/ns/shop/deployments.apps/legacy-api", "viewer");
        await Assertions.Expect(viewer.Page.Locator("[data-section=metadata]")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Toolbar).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Page.GetByText("You have read-only access to this object.")).ToBeVisibleAsync();

        // developer edits in shop, but nodes are beyond them: on a shop deployment the toolbar is there and enabled.
        var developer = await OpenAsync("/ns/shop/deployments.apps/legacy-api", "developer");
        await Assertions.Expect(developer.Toolbar.Locator("button[data-action=scale]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task The_audit_page_lists_actions_live_filters_and_exports()
    {
        var audit = await fx.NewPageAsync();
        await (await new SignInPage(audit).OpenAsync()).AsDemoUserAsync("admin");
        await audit.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(audit.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();

        // An action in another tab appears here live.
        var p = await OpenAsync("/ns/payments/deployments.apps/payments-api");
        await p.ActAsync("scale");
        await p.Dialog.GetByLabel("Replicas").FillAsync("2");
        await p.DialogButton("Scale").ClickAsync();
        await p.ExpectDoneAsync("Scale");
        var row = audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "deployments.apps payments/payments-api" });
        await Assertions.Expect(row.First).ToContainTextAsync("replicas=2");

        await audit.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync("scale");
        await audit.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync("success");
        await Assertions.Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "payments-api" }).First).ToBeVisibleAsync();
        await audit.GetByLabel("Filter by text").FillAsync("no-such-target");
        await Assertions.Expect(audit.GetByText("No actions have been made")).ToBeVisibleAsync();
        await audit.GetByLabel("Filter by text").FillAsync("payments-api");

        var download = await audit.RunAndWaitForDownloadAsync(() => audit.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("time,user,cluster,action,target,details,outcome,message", csv, StringComparison.Ordinal);
        Assert.Contains("admin,", csv, StringComparison.Ordinal);
        Assert.Contains("scale,deployments.apps payments/payments-api,replicas=2,success", csv, StringComparison.Ordinal);

        var json = await audit.APIRequest.GetAsync("/audit/export?format=json&action=scale");
        Assert.Equal(200, json.Status);
        var entries = JsonNode.Parse(await json.TextAsync())!.AsArray();
        Assert.Contains(entries, e => (string?)e!["target"] == "deployments.apps payments/payments-api" && (string?)e["outcome"] == "success");
        Assert.All(entries, e => Assert.Equal("scale", (string?)e!["action"]));

        // developer may read shop and payments, not kube-system: admin's change there is not theirs to see, on the page
        // or in the export, while the one in payments is.
        var coredns = await OpenAsync("/ns/kube-system/deployments.apps/coredns");
        await coredns.ActAsync("restart");
        await coredns.DialogButton("Restart").ClickAsync();
        await coredns.ExpectDoneAsync("Restart");
        var developer = await fx.NewPageAsync();
        await (await new SignInPage(developer).OpenAsync()).AsDemoUserAsync("developer");
        await developer.GotoAsync("/audit");
        await Assertions.Expect(developer.GetByRole(AriaRole.Row).Filter(new() { HasText = "payments/payments-api" }).First).ToBeVisibleAsync();
        await Assertions.Expect(developer.GetByRole(AriaRole.Row).Filter(new() { HasText = "kube-system/coredns" })).ToHaveCountAsync(0);
        var theirs = JsonNode.Parse(await (await developer.APIRequest.GetAsync("/audit/export?format=json")).TextAsync())!.AsArray();
        Assert.Contains(theirs, e => (string?)e!["target"] == "deployments.apps payments/payments-api");
        Assert.DoesNotContain(theirs, e => (string?)e!["target"] == "deployments.apps kube-system/coredns");
        var admins = JsonNode.Parse(await (await audit.APIRequest.GetAsync("/audit/export?format=json")).TextAsync())!.AsArray();
        Assert.Contains(admins, e => (string?)e!["target"] == "deployments.apps kube-system/coredns");

        // Without a session there is no export.
        var anonymous = await fx.NewPageAsync();
        var refused = await anonymous.APIRequest.GetAsync("/audit/export?format=csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, refused.Status);
    }
}
