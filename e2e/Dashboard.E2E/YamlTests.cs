using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Core.Editing;
using Dashboard.E2E.Pages;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>Issue 7's acceptance: YAML edit (pods follow, 409 without losing text, errors in place), create, viewer read-only.</summary>
public sealed class YamlTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    private KubeApiClient Admin
    {
        get
        {
            var pool = fx.App.Services.GetRequiredService<KubeClientPool>();
            return pool.Get(fx.App.Clusters.Default.Name, pool.SignIn(fx.App.Clusters.Default.Name, fx.Emulator.AdminToken));
        }
    }

    private async Task Deployment(string ns, string name)
    {
        try { await Admin.CreateAsync(Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }); }
        catch (KubeApiException e) when (e.IsAlreadyExists) { }
        await Admin.CreateAsync(Kubernetes.Models.Deployment.Resource, ns, JsonNode.Parse("""
            {"metadata":{"name":"@n"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"@n"}},
             "template":{"metadata":{"labels":{"app":"@n"}},"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}
            """.Replace("@n", name, StringComparison.Ordinal))!.AsObject());
    }

    private async Task<string> CurrentYaml(string ns, string name) => ObjectYaml.Render((await Admin.GetAsync(Kubernetes.Models.Deployment.Resource, ns, name)).Json);

    private static string SetReplicas(string yaml, int replicas)
    {
        var at = yaml.IndexOf("  replicas: 1\n", StringComparison.Ordinal);
        return yaml[..at] + $"  replicas: {replicas}\n" + yaml[(at + "  replicas: 1\n".Length)..];
    }

    private async Task<YamlEditPage> EditAsAdmin(string ns, string name)
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        return await new YamlEditPage(page).OpenAsync($"/ns/{ns}/deployments.apps/{name}/edit");
    }

    [Fact]
    public async Task Editing_replicas_through_yaml_changes_the_pods()
    {
        await Deployment("yaml-e2e-scale", "web");
        var edit = await EditAsAdmin("yaml-e2e-scale", "web");

        await edit.ReplaceTextAsync(SetReplicas(await CurrentYaml("yaml-e2e-scale", "web"), 3));
        await edit.Button("Dry run").ClickAsync();
        await Assertions.Expect(edit.Page.Locator(".yaml-change").Filter(new() { HasText = "spec.replicas" })).ToContainTextAsync("1 → 3");
        await edit.Button("Apply").ClickAsync();

        await Assertions.Expect(edit.Outcome).ToContainTextAsync("was updated");
        await Eventually(async () => (await Admin.ListAsync(Pod.Resource, "yaml-e2e-scale", new ListOptions { LabelSelector = "app=web" })).Items.Count == 3);
    }

    [Fact]
    public async Task A_409_is_resolved_by_reapplying_without_losing_the_text()
    {
        await Deployment("yaml-e2e-409", "web");
        var edit = await EditAsAdmin("yaml-e2e-409", "web");
        var mine = SetReplicas(await CurrentYaml("yaml-e2e-409", "web"), 2);
        await edit.ReplaceTextAsync(mine);
        await Admin.PatchAsync(Kubernetes.Models.Deployment.Resource, "yaml-e2e-409", "web", PatchType.StrategicMerge,
            JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}""")!);

        await edit.Button("Dry run").ClickAsync();

        await Assertions.Expect(edit.ConflictDialog).ToBeVisibleAsync();
        await Assertions.Expect(edit.Editor).ToContainTextAsync("replicas: 2");
        await edit.ConflictDialog.GetByRole(AriaRole.Button, new() { Name = "Reload and re-apply my changes" }).ClickAsync();
        await Assertions.Expect(edit.Outcome).ToContainTextAsync("was updated");
        var stored = await Admin.GetAsync(Kubernetes.Models.Deployment.Resource, "yaml-e2e-409", "web");
        Assert.Equal((2L, "nginx:1.27"), (stored.GetInt64("spec.replicas"), (string?)stored.Json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public async Task Invalid_yaml_and_an_invalid_field_are_reported_at_their_lines()
    {
        await Deployment("yaml-e2e-errors", "web");
        var edit = await EditAsAdmin("yaml-e2e-errors", "web");
        var yaml = await CurrentYaml("yaml-e2e-errors", "web");
        var replicasLine = yaml[..yaml.IndexOf("  replicas: 1\n", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        await edit.ReplaceTextAsync(yaml.Replace("  replicas: 1\n", "  replicas: [1\n", StringComparison.Ordinal));
        await edit.Button("Dry run").ClickAsync();
        await Assertions.Expect(edit.Problems.First).ToContainTextAsync("Line");
        Assert.InRange(int.Parse(await edit.Problems.First.GetAttributeAsync("data-line") ?? "0", System.Globalization.CultureInfo.InvariantCulture), replicasLine, replicasLine + 2);

        await edit.ReplaceTextAsync(SetReplicas(yaml, -1));
        await edit.Button("Dry run").ClickAsync();
        var problem = edit.Problems.Filter(new() { HasText = "spec.replicas" });
        await Assertions.Expect(problem).ToContainTextAsync($"Line {replicasLine}, column 3");
        await Assertions.Expect(problem).ToContainTextAsync("greater than or equal to 0");
        await Assertions.Expect(edit.Editor.Locator(".cm-lintRange-error, .cm-lintRange").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_multi_document_create_makes_every_object()
    {
        try { await Admin.CreateAsync(Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "yaml-e2e-create" } }); }
        catch (KubeApiException e) when (e.IsAlreadyExists) { }
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        var create = await new YamlEditPage(page).OpenAsync("/create");
        await page.GetByLabel("Default namespace").FillAsync("yaml-e2e-create");
        await page.GetByLabel("Default namespace").PressAsync("Tab");

        await create.ReplaceTextAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              mode: fast
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
            stringData:
              password: s3cret
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: api
            spec:
              selector: {app: api}
              ports:
              - port: 80
            """);
        await create.DryRunAndApplyAsync("Create");

        await Assertions.Expect(create.Outcome).ToContainTextAsync("Every document was applied");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Service yaml-e2e-create/api" })).ToBeVisibleAsync();
        await Admin.GetAsync(ConfigMap.Resource, "yaml-e2e-create", "settings");
        await Admin.GetAsync(Secret.Resource, "yaml-e2e-create", "creds");
        await Admin.GetAsync(Service.Resource, "yaml-e2e-create", "api");
    }

    [Fact]
    public async Task A_viewer_cannot_open_the_editor_in_write_mode()
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("viewer");
        var edit = await new YamlEditPage(page).OpenAsync("/ns/shop/deployments.apps/frontend/edit");

        await Assertions.Expect(page.Locator(".yaml-readonly")).ToContainTextAsync("Read-only");
        await Assertions.Expect(edit.Editor.Locator(".cm-content")).ToHaveAttributeAsync("aria-readonly", "true");
        await Assertions.Expect(edit.Button("Apply")).ToHaveCountAsync(0);
        await Assertions.Expect(edit.Button("Dry run")).ToHaveCountAsync(0);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the cluster did not get there in time");
            await Task.Delay(200);
        }
    }
}
