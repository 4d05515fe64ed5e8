using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>
/// <c>kubectl create -f</c> and <c>kubectl apply -f</c> with default validation: OpenAPI v3 makes kubectl validate on
/// the server (<c>?fieldValidation=Strict</c>), multi-document files, re-apply (unchanged / configured), errors.
/// </summary>
public sealed class KubectlCreateApplyTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private const string App = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app-config
          namespace: default
        data:
          mode: blue
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          namespace: default
        spec:
          replicas: 2
          selector:
            matchLabels: {app: app}
          template:
            metadata:
              labels: {app: app}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                env:
                - name: MODE
                  value: blue
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: app
          namespace: default
        spec:
          selector: {app: app}
          ports:
          - port: 80
            targetPort: 8080
        """;

    private Task<KubectlResult> Stdin(string manifest, params string[] args) => fx.Run(fx.KubeconfigPath, manifest, null, args);

    [Fact]
    public async Task Apply_creates_then_reports_unchanged_then_configured()
    {
        var first = (await Stdin(App, "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("configmap/app-config created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/app created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("service/app created", first.Stdout, StringComparison.Ordinal);

        var again = (await Stdin(App, "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("configmap/app-config unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/app unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("service/app unchanged", again.Stdout, StringComparison.Ordinal);

        var changed = App.Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal).Replace("value: blue", "value: green", StringComparison.Ordinal);
        var third = (await Stdin(changed, "apply", "-f", "-")).EnsureSuccess();
        Assert.Contains("deployment.apps/app configured", third.Stdout, StringComparison.Ordinal);
        Assert.Contains("configmap/app-config unchanged", third.Stdout, StringComparison.Ordinal);

        var deployment = JsonNode.Parse((await fx.Kubectl("get", "deployment", "app", "-o", "json")).EnsureSuccess().Stdout)!;
        Assert.Equal(3, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("green", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<int>());
        Assert.Contains("\"replicas\":3", deployment["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>(), StringComparison.Ordinal);

        // kubectl validated on the server: every write carried fieldValidation=Strict.
        var writes = fx.Emulator.Context.Requests.Entries.Where(r => r.Method is "POST" or "PATCH" && r.Path.Contains("/deployments", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, w => Assert.Contains("fieldValidation=Strict", w.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_from_a_file_creates_every_document_and_refuses_duplicates()
    {
        var file = Path.Combine(fx.Directory, "create.yaml");
        await File.WriteAllTextAsync(file, App.Replace("name: app", "name: made", StringComparison.Ordinal).Replace("name: app-config", "name: made-config", StringComparison.Ordinal));
        var created = (await fx.Kubectl("create", "-f", file)).EnsureSuccess();
        Assert.Contains("deployment.apps/made created", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("service/made created", created.Stdout, StringComparison.Ordinal);

        var again = await fx.Kubectl("create", "-f", file);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("Error from server (AlreadyExists)", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("deployments.apps \"made\" already exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_rejected_strictly_and_warned_about_with_validate_warn()
    {
        const string bad = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: bad
            spec:
              replicas: 1
              replica: 2
              selector:
                matchLabels: {app: bad}
              template:
                metadata:
                  labels: {app: bad}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    imagePullPolice: Always
            """;
        var strict = await Stdin(bad, "create", "-f", "-");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("Error from server (BadRequest)", strict.Stderr, StringComparison.Ordinal);
        Assert.Contains("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagePullPolice\"", strict.Stderr, StringComparison.Ordinal);
        Assert.Null(fx.Emulator.Context.Api.TryGet(fx.Emulator.Context.Type("apps", "deployments"), "default", "bad"));

        var warn = (await Stdin(bad, "create", "-f", "-", "--validate=warn")).EnsureSuccess();
        Assert.Contains("Warning: unknown field \"spec.replica\"", warn.Stderr, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/bad created", warn.Stdout, StringComparison.Ordinal);

        var ignored = (await Stdin(bad.Replace("name: bad", "name: bad2", StringComparison.Ordinal), "create", "-f", "-", "--validate=false")).EnsureSuccess();
        Assert.DoesNotContain("unknown field", ignored.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_v3_lists_every_group_version_and_documents_patch_with_field_validation()
    {
        var index = JsonNode.Parse((await fx.Kubectl("get", "--raw", "/openapi/v3")).EnsureSuccess().Stdout)!["paths"]!.AsObject();
        Assert.Contains("api/v1", index.Select(p => p.Key));
        Assert.Contains("apis/apps/v1", index.Select(p => p.Key));
        var url = index["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.StartsWith("/openapi/v3/apis/apps/v1?hash=", url, StringComparison.Ordinal);
        var doc = JsonNode.Parse((await fx.Kubectl("get", "--raw", url)).EnsureSuccess().Stdout)!;
        var patch = doc["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("Deployment", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
        Assert.NotNull(doc["components"]!["schemas"]!["io.k8s.v1.PodSpec"]!["properties"]!["containers"]);

        var missing = await fx.Kubectl("get", "--raw", "/openapi/v3/apis/nope.example.com/v1");
        Assert.NotEqual(0, missing.ExitCode);
    }
}
