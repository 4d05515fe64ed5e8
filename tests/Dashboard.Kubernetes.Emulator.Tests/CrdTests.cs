using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>A CustomResourceDefinition and its custom resources as kubectl sees them.</summary>
public sealed class CrdTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.stable.example.com
        spec:
          group: stable.example.com
          scope: Namespaced
          names:
            plural: crontabs
            singular: crontab
            kind: CronTab
            shortNames: [ct]
            categories: [all]
          versions:
          - name: v1beta1
            served: true
            storage: false
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
            additionalPrinterColumns:
            - name: Spec
              type: string
              jsonPath: .spec.cronSpec
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            - name: Ready
              type: string
              jsonPath: .status.conditions[?(@.type=="Ready")].status
            - name: Image
              type: string
              priority: 1
              jsonPath: .spec.image
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      cronSpec: {type: string}
                      image: {type: string}
                      replicas: {type: integer}
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
                      conditions:
                        type: array
                        items:
                          type: object
                          x-kubernetes-preserve-unknown-fields: true
        """;

    private const string CronTab = """
        apiVersion: stable.example.com/v1
        kind: CronTab
        metadata:
          name: my-cron
        spec:
          cronSpec: "* * * * */5"
          image: my-cron-image
          replicas: 3
        """;

    private Task<KubectlResult> Stdin(string manifest, params string[] args) => fx.Run(fx.KubeconfigPath, manifest, null, args);

    [Fact]
    public async Task Crd_is_established_and_its_resources_work_through_kubectl()
    {
        // Discovery is cached by kubectl before the CRD exists, as in real use.
        (await fx.Kubectl("api-resources")).EnsureSuccess();
        (await Stdin(Crd, "apply", "-f", "-")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Established", "crd/crontabs.stable.example.com", "--timeout=30s")).EnsureSuccess();

        var crd = JsonNode.Parse((await fx.Kubectl("get", "crd", "crontabs.stable.example.com", "-o", "json")).EnsureSuccess().Stdout)!;
        Assert.Equal("CronTab", crd["status"]!["acceptedNames"]!["kind"]!.GetValue<string>());
        Assert.Contains(crd["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "NamesAccepted" && c["status"]!.GetValue<string>() == "True");
        Assert.Equal(["v1"], crd["status"]!["storedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));

        var resources = (await fx.Kubectl("api-resources", "--api-group=stable.example.com")).EnsureSuccess();
        Assert.Matches(@"crontabs\s+ct\s+stable\.example\.com/v1\s+true\s+CronTab", resources.Stdout);

        var created = (await Stdin(CronTab, "create", "-f", "-")).EnsureSuccess();
        Assert.Contains("crontab.stable.example.com/my-cron created", created.Stdout, StringComparison.Ordinal);

        var get = (await fx.Kubectl("get", "crontabs")).EnsureSuccess();
        var table = KubectlOutput.Tables(get.Stdout).Single();
        Assert.Equal(["NAME", "SPEC", "REPLICAS", "READY", "AGE"], table.Headers);
        Assert.Equal(["my-cron", "* * * * */5", "3"], table.Rows[0].Take(3));

        var wide = KubectlOutput.Tables((await fx.Kubectl("get", "ct", "-o", "wide")).EnsureSuccess().Stdout).Single();
        // Printer columns keep their declared order; priority only decides whether they show without -o wide.
        Assert.Equal(["NAME", "SPEC", "REPLICAS", "READY", "IMAGE", "AGE"], wide.Headers);
        Assert.Contains("my-cron-image", wide.Rows[0]);

        var all = (await fx.Kubectl("get", "all")).EnsureSuccess();
        Assert.Contains("crontab.stable.example.com/my-cron", all.Stdout, StringComparison.Ordinal);

        var yaml = (await fx.Kubectl("get", "ct", "my-cron", "-o", "yaml")).EnsureSuccess();
        Assert.Contains("apiVersion: stable.example.com/v1", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("cronSpec: '* * * * */5'", yaml.Stdout, StringComparison.Ordinal);

        var describe = (await fx.Kubectl("describe", "crontab", "my-cron")).EnsureSuccess();
        Assert.Contains("Kind:         CronTab", describe.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cron Spec:  * * * * */5", describe.Stdout, StringComparison.Ordinal);

        // One stored object, served in every version with that version's apiVersion.
        var older = (await fx.Kubectl("get", "crontabs.v1beta1.stable.example.com", "my-cron", "-o", "jsonpath={.apiVersion}/{.spec.image}")).EnsureSuccess();
        Assert.Equal("stable.example.com/v1beta1/my-cron-image", older.Stdout);
        var olderList = (await fx.Kubectl("get", "crontabs.v1beta1.stable.example.com", "-o", "jsonpath={.items[0].apiVersion}")).EnsureSuccess();
        Assert.Equal("stable.example.com/v1beta1", olderList.Stdout);

        var strict = await Stdin(CronTab.Replace("replicas: 3", "replicas: 3\n  color: red", StringComparison.Ordinal).Replace("my-cron", "other", StringComparison.Ordinal), "create", "-f", "-");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.color\"", strict.Stderr, StringComparison.Ordinal);

        var deleted = (await fx.Kubectl("delete", "ct", "my-cron")).EnsureSuccess();
        Assert.Contains("crontab.stable.example.com \"my-cron\" deleted", deleted.Stdout, StringComparison.Ordinal);
        var none = (await fx.Kubectl("get", "crontabs")).EnsureSuccess();
        Assert.Contains("No resources found in default namespace.", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_crd_removes_its_objects_and_its_api()
    {
        var crd = Crd.Replace("crontabs", "gizmos", StringComparison.Ordinal).Replace("crontab", "gizmo", StringComparison.Ordinal)
            .Replace("CronTab", "Gizmo", StringComparison.Ordinal).Replace("[ct]", "[gz]", StringComparison.Ordinal);
        (await Stdin(crd, "create", "-f", "-")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Established", "crd/gizmos.stable.example.com", "--timeout=30s")).EnsureSuccess();
        (await Stdin(CronTab.Replace("CronTab", "Gizmo", StringComparison.Ordinal), "create", "-f", "-")).EnsureSuccess();
        Assert.Contains("my-cron", (await fx.Kubectl("get", "gizmos")).EnsureSuccess().Stdout, StringComparison.Ordinal);

        (await fx.Kubectl("delete", "crd", "gizmos.stable.example.com")).EnsureSuccess();
        var gizmos = fx.Emulator.Context.Catalog.FindPreferred("stable.example.com", "gizmos");
        Assert.Null(gizmos);
        var raw = await fx.Kubectl("get", "--raw", "/apis/stable.example.com/v1/namespaces/default/gizmos");
        Assert.NotEqual(0, raw.ExitCode);
        Assert.Contains("NotFound", raw.Stderr, StringComparison.Ordinal);
        var storage = new Api.ResourceType("stable.example.com", "v1", "Gizmo", "gizmos", true, [], [], []) { IsCustom = true };
        Assert.Equal(0, fx.Emulator.Context.Store.Count(storage));
    }

    [Fact]
    public async Task Changing_printer_columns_changes_the_table()
    {
        string Doodad(string columns) => $$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: doodads.toys.example.com
            spec:
              group: toys.example.com
              scope: Cluster
              names: {plural: doodads, singular: doodad, kind: Doodad}
              versions:
              - name: v1
                served: true
                storage: true
                {{columns}}
                schema:
                  openAPIV3Schema:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
            """;
        (await Stdin(Doodad(""), "apply", "-f", "-")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Established", "crd/doodads.toys.example.com", "--timeout=30s")).EnsureSuccess();
        (await Stdin("apiVersion: toys.example.com/v1\nkind: Doodad\nmetadata: {name: d1}\ncolor: red\n", "create", "-f", "-")).EnsureSuccess();
        Assert.Equal(["NAME", "AGE"], KubectlOutput.Tables((await fx.Kubectl("get", "doodads")).EnsureSuccess().Stdout).Single().Headers);

        var configured = (await Stdin(Doodad("additionalPrinterColumns: [{name: Color, type: string, jsonPath: .color}]"), "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("configured", configured.Stdout, StringComparison.Ordinal);
        await EmulatorFixture.Eventually(async () =>
        {
            var table = KubectlOutput.Tables((await fx.Kubectl("get", "doodads")).EnsureSuccess().Stdout).Single();
            return table.Headers.SequenceEqual(["NAME", "COLOR"]) && table.Rows[0].SequenceEqual(["d1", "red"]);
        }, "the Color column");
    }

    [Fact]
    public async Task A_kind_already_in_use_in_the_group_is_not_accepted_until_it_is_freed()
    {
        string Widget(string plural) => $$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: {{plural}}.parts.example.com
            spec:
              group: parts.example.com
              scope: Namespaced
              names: {plural: {{plural}}, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """;
        (await Stdin(Widget("widgets"), "create", "-f", "-")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Established", "crd/widgets.parts.example.com", "--timeout=30s")).EnsureSuccess();
        (await Stdin(Widget("widgetz"), "create", "-f", "-")).EnsureSuccess();
        const string conditions = "jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason}/{.message};{end}";
        await EmulatorFixture.Eventually(async () =>
            (await fx.Kubectl("get", "crd", "widgetz.parts.example.com", "-o", conditions)).Stdout
                == "NamesAccepted=False/ListKindConflict/\"WidgetList\" is already in use;Established=False/NotAccepted/not all names are accepted;",
            "the name conflict condition");
        Assert.Null(fx.Emulator.Context.Catalog.FindPreferred("parts.example.com", "widgetz"));

        (await fx.Kubectl("delete", "crd", "widgets.parts.example.com")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Established", "crd/widgetz.parts.example.com", "--timeout=30s")).EnsureSuccess();
        Assert.NotNull(fx.Emulator.Context.Catalog.FindPreferred("parts.example.com", "widgetz"));
    }

    [Fact]
    public async Task Invalid_crds_are_rejected_with_the_field_at_fault()
    {
        var bad = Crd.Replace("name: crontabs.stable.example.com", "name: wrong.stable.example.com", StringComparison.Ordinal);
        var r = await Stdin(bad, "create", "-f", "-");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("The CustomResourceDefinition \"wrong.stable.example.com\" is invalid", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("metadata.name: Invalid value: \"wrong.stable.example.com\": must be spec.names.plural+\".\"+spec.group", r.Stderr, StringComparison.Ordinal);
    }
}
