using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Tests;

public sealed class ClientPatchTests(EmulatorClientFixture fx) : IClassFixture<EmulatorClientFixture>
{
    private static JsonObject Deployment(string name, int replicas = 1) => JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"@name","labels":{"app":"@name"}},
         "spec":{"replicas":@replicas,"selector":{"matchLabels":{"app":"@name"}},
          "template":{"metadata":{"labels":{"app":"@name"}},"spec":{"containers":[
            {"name":"web","image":"nginx:1.27","env":[{"name":"A","value":"1"}]},
            {"name":"sidecar","image":"busybox:1.36"}]}}}}
        """.Replace("@name", name, StringComparison.Ordinal).Replace("@replicas", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject();

    [Fact]
    public async Task Json_merge_and_strategic_patches_change_what_they_say()
    {
        await fx.Admin.CreateAsync(Models.Deployment.Resource, "default", Deployment("patched"));

        var json = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/replicas", ["value"] = 3 });
        var afterJson = await fx.Admin.PatchAsync(Models.Deployment.Resource, "default", "patched", PatchType.Json, json);
        Assert.Equal(3, afterJson.GetInt64("spec.replicas"));

        var merge = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["tier"] = "web", ["app"] = null } } };
        var afterMerge = await fx.Admin.PatchAsync(Models.Deployment.Resource, "default", "patched", PatchType.Merge, merge);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "web" }, afterMerge.Labels);

        // Strategic merge keys containers by name: only "web" changes, "sidecar" stays.
        var strategic = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}""")!;
        var afterStrategic = await fx.Admin.PatchAsync(Models.Deployment.Resource, "default", "patched", PatchType.StrategicMerge, strategic);
        var containers = afterStrategic.Json["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["nginx:1.28", "busybox:1.36"], containers.Select(c => (string)c!["image"]!));

        var failedTest = new JsonArray(new JsonObject { ["op"] = "test", ["path"] = "/spec/replicas", ["value"] = 99 });
        var e = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.PatchAsync(Models.Deployment.Resource, "default", "patched", PatchType.Json, failedTest));
        Assert.True(e.IsInvalid);
    }

    [Fact]
    public async Task Server_side_apply_creates_then_reports_conflicts_until_forced()
    {
        var applied = await fx.Admin.ApplyAsync(Models.Deployment.Resource, Deployment("applied", 2), "dashboard");
        Assert.Equal(2, applied.GetInt64("spec.replicas"));
        Assert.Contains(applied.Json["metadata"]!["managedFields"]!.AsArray(), m => (string?)m!["manager"] == "dashboard" && (string?)m["operation"] == "Apply");

        var conflict = await Assert.ThrowsAsync<KubeApiException>(() => fx.Admin.ApplyAsync(Models.Deployment.Resource, Deployment("applied", 5), "someone-else"));
        Assert.True(conflict.IsConflict);
        Assert.Contains(conflict.Causes, c => c.Reason == "FieldManagerConflict" && c.Field == ".spec.replicas");

        var forced = await fx.Admin.ApplyAsync(Models.Deployment.Resource, Deployment("applied", 5), "someone-else", force: true);
        Assert.Equal(5, forced.GetInt64("spec.replicas"));

        var dry = await fx.Admin.ApplyAsync(Models.Deployment.Resource, Deployment("applied", 7), "someone-else", dryRun: true);
        Assert.Equal(7, dry.GetInt64("spec.replicas"));
        Assert.Equal(5, (await fx.Admin.GetAsync<Models.Deployment>("default", "applied")).GetInt64("spec.replicas"));
    }

    [Fact]
    public async Task Strategic_merge_on_a_custom_resource_is_refused_before_sending()
    {
        var crdKind = new ResourceKind("example.com", "v1", "Widget", "widgets", true) { IsCustom = true };
        await Assert.ThrowsAsync<ArgumentException>(() => fx.Admin.PatchAsync(crdKind, "default", "w", PatchType.StrategicMerge, new JsonObject()));
        await Assert.ThrowsAsync<ArgumentException>(() => fx.Admin.PatchAsync(ConfigMap.Resource, "default", "w", PatchType.Apply, new JsonObject()));
    }
}
