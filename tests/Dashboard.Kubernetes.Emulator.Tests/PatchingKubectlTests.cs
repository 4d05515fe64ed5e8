using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>kubectl patch, label, annotate, edit and server-side apply against the emulator, verified with -o json.</summary>
public sealed class PatchingKubectlTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private async Task Create(string manifest) =>
        (await fx.Run(fx.KubeconfigPath, manifest, null, "create", "-f", "-", "--validate=false")).EnsureSuccess();

    private async Task<JsonObject> Get(string resource, string name, params string[] extra) =>
        JsonNode.Parse((await fx.Kubectl(["get", resource, name, "-o", "json", .. extra])).EnsureSuccess().Stdout)!.AsObject();

    private static string Deployment(string name) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{{name}}}
          labels: {app: {{{name}}}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                env: [{name: MODE, value: blue}]
              - name: sidecar
                image: busybox:1.36
        """;

    private static string ConfigMap(string name, string data) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"team\":\"a\"}},\"data\":{" + data + "}}";

    [Fact]
    public async Task Strategic_patch_merges_containers_by_name()
    {
        await Create(Deployment("smp"));
        (await fx.Kubectl("patch", "deployment", "smp", "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27","env":[{"name":"EXTRA","value":"1"}]},{"name":"cache","image":"redis:7"}]}}}}""")).EnsureSuccess();
        var d = await Get("deployment", "smp");
        var containers = d.Items("spec.template.spec.containers").ToList();
        Assert.Equal(["web", "sidecar", "cache"], containers.Select(c => c.Str("name")));
        Assert.Equal("nginx:1.27", containers[0].Str("image"));
        Assert.Equal(["MODE", "EXTRA"], containers[0].Items("env").Select(e => e.Str("name")));
        Assert.Equal(2, d.Int("metadata.generation"));

        (await fx.Kubectl("patch", "deployment", "smp", "--type", "strategic", "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""")).EnsureSuccess();
        d = await Get("deployment", "smp");
        Assert.Equal(["web", "cache"], d.Items("spec.template.spec.containers").Select(c => c.Str("name")));
    }

    [Fact]
    public async Task Json_patch_applies_operations_and_a_failed_test_is_rejected()
    {
        await Create(Deployment("jp"));
        (await fx.Kubectl("patch", "deployment", "jp", "--type", "json", "-p",
            """[{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/metadata/labels/app.kubernetes.io~1part-of","value":"shop"},{"op":"remove","path":"/spec/template/spec/containers/1"}]""")).EnsureSuccess();
        var d = await Get("deployment", "jp");
        Assert.Equal(3, d.Int("spec.replicas"));
        Assert.Equal("shop", d.At("metadata.labels")!["app.kubernetes.io/part-of"]!.GetValue<string>());
        Assert.Single(d.Items("spec.template.spec.containers"));

        var failed = await fx.Kubectl("patch", "deployment", "jp", "--type", "json", "-p", """[{"op":"test","path":"/spec/replicas","value":9}]""");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("the server rejected our request due to an error in our request", failed.Stderr, StringComparison.Ordinal);
        var badPath = await fx.Kubectl("patch", "deployment", "jp", "--type", "json", "-p", """[{"op":"remove","path":"/spec/nope"}]""");
        Assert.NotEqual(0, badPath.ExitCode);
        Assert.Equal(3, (await Get("deployment", "jp")).Int("spec.replicas"));
    }

    [Fact]
    public async Task Merge_patch_replaces_lists_and_null_deletes()
    {
        await Create(ConfigMap("mp", "\"a\":\"1\",\"b\":\"2\""));
        (await fx.Kubectl("patch", "configmap", "mp", "--type", "merge", "-p", """{"data":{"a":null,"c":"3"},"metadata":{"annotations":{"note":"x"}}}""")).EnsureSuccess();
        var cm = await Get("configmap", "mp");
        Assert.Equal("""{"b":"2","c":"3"}""", cm["data"]!.ToJsonString());
        Assert.Equal("x", cm.Str("metadata.annotations.note"));

        await Create(Deployment("mpd"));
        (await fx.Kubectl("patch", "deployment", "mpd", "--type", "merge", "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"nginx"}]}}}}""")).EnsureSuccess();
        Assert.Equal(["only"], (await Get("deployment", "mpd")).Items("spec.template.spec.containers").Select(c => c.Str("name")));
    }

    [Fact]
    public async Task Label_and_annotate_add_overwrite_and_remove()
    {
        await Create(ConfigMap("lab", "\"k\":\"v\""));
        (await fx.Kubectl("label", "configmap", "lab", "tier=web")).EnsureSuccess();
        var refused = await fx.Kubectl("label", "configmap", "lab", "team=b");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("'team' already has a value (a), and --overwrite is false", refused.Stderr, StringComparison.Ordinal);
        (await fx.Kubectl("label", "configmap", "lab", "team=b", "--overwrite")).EnsureSuccess();
        (await fx.Kubectl("annotate", "configmap", "lab", "owner=ops", "ticket=42")).EnsureSuccess();
        (await fx.Kubectl("annotate", "configmap", "lab", "owner=dev", "--overwrite")).EnsureSuccess();
        var cm = await Get("configmap", "lab", "--show-managed-fields");
        Assert.Equal("""{"team":"b","tier":"web"}""", cm.At("metadata.labels")!.ToJsonString());
        Assert.Equal("dev", cm.Str("metadata.annotations.owner"));
        Assert.Contains(cm.Items("metadata.managedFields"), m => m.Str("manager") == "kubectl-label" && m.Str("operation") == "Update");

        (await fx.Kubectl("label", "configmap", "lab", "tier-", "team-")).EnsureSuccess();
        (await fx.Kubectl("annotate", "configmap", "lab", "owner-")).EnsureSuccess();
        cm = await Get("configmap", "lab");
        Assert.Null(cm.At("metadata.labels"));
        Assert.Equal("""{"ticket":"42"}""", cm.At("metadata.annotations")!.ToJsonString());
    }

    [Fact]
    public async Task Edit_sends_the_editors_changes_as_a_strategic_patch()
    {
        await Create(ConfigMap("ed", "\"color\":\"blue\""));
        var editor = Path.Combine(fx.Directory, "editor.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i -e 's/color: blue/color: green/' -e 's/team: a/team: edited/' \"$1\"\n");
        // An editor command with a space is run through the shell, so the script needs no execute bit.
        var env = new Dictionary<string, string> { ["KUBE_EDITOR"] = "sh " + editor };
        var r = (await fx.Run(fx.KubeconfigPath, null, env, "edit", "configmap", "ed", "--validate=false")).EnsureSuccess();
        Assert.Contains("configmap/ed edited", r.Stdout, StringComparison.Ordinal);
        var cm = await Get("configmap", "ed", "--show-managed-fields");
        Assert.Equal("green", cm.Str("data.color"));
        Assert.Equal("edited", cm.Str("metadata.labels.team"));
        var edit = cm.Items("metadata.managedFields").Single(m => m.Str("manager") == "kubectl-edit");
        Assert.NotNull(edit.At("fieldsV1.f:data.f:color"));
    }

    [Fact]
    public async Task Server_side_apply_creates_reapplies_conflicts_and_forces()
    {
        var manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ssa
            spec:
              replicas: 2
              selector: {matchLabels: {app: ssa}}
              template:
                metadata: {labels: {app: ssa}}
                spec:
                  containers:
                  - {name: web, image: "nginx:1.25"}
            """;
        var created = (await fx.Run(fx.KubeconfigPath, manifest, null, "apply", "--server-side", "-f", "-", "--validate=false")).EnsureSuccess();
        Assert.Contains("deployment.apps/ssa serverside-applied", created.Stdout, StringComparison.Ordinal);
        var again = (await fx.Run(fx.KubeconfigPath, manifest, null, "apply", "--server-side", "-f", "-", "--validate=false")).EnsureSuccess();
        Assert.Contains("serverside-applied", again.Stdout, StringComparison.Ordinal);

        var d = await Get("deployment", "ssa", "--show-managed-fields");
        var entry = d.Items("metadata.managedFields").Single();
        Assert.Equal("kubectl", entry.Str("manager"));
        Assert.Equal("Apply", entry.Str("operation"));
        Assert.Equal("apps/v1", entry.Str("apiVersion"));
        Assert.Equal("FieldsV1", entry.Str("fieldsType"));
        Assert.NotNull(entry.At("fieldsV1.f:spec.f:replicas"));
        Assert.NotNull(entry.At("fieldsV1.f:spec.f:template.f:spec.f:containers")!["k:{\"name\":\"web\"}"]?["f:image"]);
        Assert.Null((await Get("deployment", "ssa")).At("metadata.managedFields")); // hidden unless asked for

        var other = manifest.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal);
        var conflict = await fx.Run(fx.KubeconfigPath, other, null, "apply", "--server-side", "--field-manager=other", "-f", "-", "--validate=false");
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", conflict.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await Get("deployment", "ssa")).Int("spec.replicas"));

        (await fx.Run(fx.KubeconfigPath, other, null, "apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-", "--validate=false")).EnsureSuccess();
        d = await Get("deployment", "ssa", "--show-managed-fields");
        Assert.Equal(5, d.Int("spec.replicas"));
        var owners = d.Items("metadata.managedFields").ToDictionary(m => m.Str("manager")!);
        Assert.NotNull(owners["other"].At("fieldsV1.f:spec.f:replicas"));
        Assert.Null(owners["kubectl"].At("fieldsV1.f:spec.f:replicas"));
    }

    [Fact]
    public async Task Server_side_apply_conflicts_with_update_managers_and_prunes_dropped_fields()
    {
        await Create(ConfigMap("ssacm", "\"color\":\"blue\""));
        var conflict = await fx.Run(fx.KubeconfigPath, ConfigMap("ssacm", "\"color\":\"red\",\"size\":\"s\""), null,
            "apply", "--server-side", "-f", "-", "--validate=false");
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"kubectl-create\" using v1: .data.color", conflict.Stderr, StringComparison.Ordinal);

        (await fx.Run(fx.KubeconfigPath, ConfigMap("ssacm", "\"color\":\"red\",\"size\":\"s\""), null,
            "apply", "--server-side", "--force-conflicts", "-f", "-", "--validate=false")).EnsureSuccess();
        (await fx.Run(fx.KubeconfigPath, ConfigMap("ssacm", "\"color\":\"red\""), null,
            "apply", "--server-side", "-f", "-", "--validate=false")).EnsureSuccess();
        var cm = await Get("configmap", "ssacm");
        Assert.Equal("""{"color":"red"}""", cm["data"]!.ToJsonString()); // size was only ours: dropping it removes it
    }

    [Fact]
    public async Task Server_side_apply_after_client_side_apply_migrates_ownership_and_reapply_is_a_no_op()
    {
        var manifest = ConfigMap("mig", "\"color\":\"blue\"");
        (await fx.Run(fx.KubeconfigPath, manifest, null, "apply", "-f", "-", "--validate=false")).EnsureSuccess();
        (await fx.Run(fx.KubeconfigPath, manifest, null, "apply", "--server-side", "-f", "-", "--validate=false")).EnsureSuccess();
        var cm = await Get("configmap", "mig", "--show-managed-fields");
        var managers = cm.Items("metadata.managedFields").Select(m => $"{m.Str("manager")}/{m.Str("operation")}").ToList();
        Assert.Contains("kubectl/Apply", managers);
        Assert.DoesNotContain("kubectl-client-side-apply/Update", managers); // kubectl moved its fields to the applier

        var rv = cm.Str("metadata.resourceVersion");
        (await fx.Run(fx.KubeconfigPath, manifest, null, "apply", "--server-side", "-f", "-", "--validate=false")).EnsureSuccess();
        Assert.Equal(rv, (await Get("configmap", "mig")).Str("metadata.resourceVersion"));
    }
}
