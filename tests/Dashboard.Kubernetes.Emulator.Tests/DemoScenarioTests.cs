using System.Diagnostics;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The demo scenario, started like the CLI starts it.</summary>
public sealed class DemoFixture : EmulatorFixture
{
    /// <inheritdoc />
    protected override EmulatorOptions Options => new() { Scenario = "demo", TimeScale = 0.05 };
}

public sealed class DemoScenarioTests(DemoFixture fx) : IClassFixture<DemoFixture>
{
    private async Task<JsonObject> GetJson(params string[] args) =>
        JsonNode.Parse((await fx.Kubectl([.. args, "-o", "json"])).EnsureSuccess().Stdout)!.AsObject();

    private static List<string> Names(JsonObject list) => list.Items("items").Select(i => i.Name()).ToList();

    [Fact]
    public async Task Demo_has_nodes_namespaces_and_the_team_workloads()
    {
        var nodes = await GetJson("get", "nodes");
        Assert.Equal(["demo-control-plane", "demo-worker", "demo-worker2"], Names(nodes));
        var cp = nodes.Items("items").First();
        Assert.Contains("node-role.kubernetes.io/control-plane", Json.StringMap(cp.At("metadata.labels")).Keys);
        Assert.Equal("NoSchedule", cp.Items("spec.taints").Single().Str("effect"));
        Assert.Equal("v1.32.4", cp.Str("status.nodeInfo.kubeletVersion"));
        Assert.Equal("containerd://1.7.22", cp.Str("status.nodeInfo.containerRuntimeVersion"));
        Assert.Equal("110", cp.Str("status.allocatable.pods"));

        var ns = Names(await GetJson("get", "namespaces"));
        foreach (var n in new[] { "shop", "payments", "monitoring", "data", "kube-system", "default" }) Assert.Contains(n, ns);

        Assert.Equal(["cart", "catalog", "frontend", "legacy-api", "recommendations"], Names(await GetJson("get", "deployments", "-n", "shop")));
        Assert.Contains("fraud-detector", Names(await GetJson("get", "deployments", "-n", "payments")));
        Assert.Contains("ledger-worker", Names(await GetJson("get", "deployments", "-n", "payments")));
        Assert.Contains("report-builder", Names(await GetJson("get", "deployments", "-n", "data")));

        var sts = await GetJson("get", "statefulset", "postgres", "-n", "data");
        Assert.Equal("data", sts.Items("spec.volumeClaimTemplates").Single().Name());
        Assert.Equal("node-exporter", Names(await GetJson("get", "daemonsets", "-n", "monitoring")).Single());
        Assert.Equal(["db-migrate"], Names(await GetJson("get", "jobs", "-n", "data")));
        Assert.Contains("settlement", Names(await GetJson("get", "cronjobs", "-n", "payments")));
        Assert.Equal("frontend", Names(await GetJson("get", "hpa", "-n", "shop")).Single());
        Assert.Contains("frontend", Names(await GetJson("get", "pdb", "-n", "shop")));
        Assert.Contains("default-deny-ingress", Names(await GetJson("get", "networkpolicies", "-n", "shop")));
        Assert.Equal("shop", Names(await GetJson("get", "ingress", "-n", "shop")).Single());
        Assert.Equal("nginx", Names(await GetJson("get", "ingressclasses")).Single());
        Assert.Contains("business-critical", Names(await GetJson("get", "priorityclasses")));
        Assert.Contains("etcd-demo-control-plane", Names(await GetJson("get", "pods", "-n", "kube-system")));

        var ingress = await GetJson("get", "ingress", "shop", "-n", "shop");
        Assert.Equal("nginx", ingress.Str("spec.ingressClassName"));
    }

    [Fact]
    public async Task Demo_failure_knobs_are_in_the_pod_templates()
    {
        var recommendations = await GetJson("get", "deployment", "recommendations", "-n", "shop");
        Assert.EndsWith(":doesnotexist", recommendations.Items("spec.template.spec.containers").Single().Str("image"), StringComparison.Ordinal);
        var crash = await GetJson("get", "deployment", "fraud-detector", "-n", "payments");
        Assert.Contains("exit 1", string.Join(' ', crash.Items("spec.template.spec.containers").Single().At("args")!.AsArray().Select(a => a!.GetValue<string>())), StringComparison.Ordinal);
        var oom = await GetJson("get", "deployment", "ledger-worker", "-n", "payments");
        var worker = oom.Items("spec.template.spec.containers").Single();
        Assert.Contains(worker.Items("env"), e => e.Str("name") == "EMULATOR_MEMORY_USAGE" && e.Str("value") == "600Mi");
        Assert.Equal("256Mi", worker.Str("resources.limits.memory"));
        var probe = await GetJson("get", "deployment", "legacy-api", "-n", "shop");
        Assert.StartsWith("/fail", probe.Items("spec.template.spec.containers").Single().Str("readinessProbe.httpGet.path"), StringComparison.Ordinal);
        var huge = await GetJson("get", "deployment", "report-builder", "-n", "data");
        Assert.Equal("64", huge.Items("spec.template.spec.containers").Single().Str("resources.requests.cpu"));
    }

    [Fact]
    public async Task Demo_storage_services_quota_and_secrets_went_through_admission()
    {
        var sc = await GetJson("get", "storageclass", "standard");
        Assert.Equal("true", Json.StringMap(sc.At("metadata.annotations"))["storageclass.kubernetes.io/is-default-class"]);
        await EmulatorFixture.Eventually(async () => (await GetJson("get", "pvc", "backups", "-n", "data")).Str("status.phase") == "Bound", "the Immediate claim to bind");
        await EmulatorFixture.Eventually(async () =>
            (await fx.Kubectl("describe", "pvc", "analytics-scratch", "-n", "data")).Stdout.Contains("storageclass.storage.k8s.io \"premium-ssd\" not found", StringComparison.Ordinal),
            "the claim with a missing class to report it");
        Assert.Equal("Pending", (await GetJson("get", "pvc", "analytics-scratch", "-n", "data")).Str("status.phase"));

        var dns = await GetJson("get", "service", "kube-dns", "-n", "kube-system");
        Assert.Equal("10.96.0.10", dns.Str("spec.clusterIP"));
        var grafana = await GetJson("get", "service", "grafana", "-n", "monitoring");
        Assert.Equal(30030, grafana.Items("spec.ports").Single().Int("nodePort"));
        var lb = await GetJson("get", "service", "ingress-nginx-controller", "-n", "ingress-nginx");
        Assert.All(lb.Items("spec.ports"), p => Assert.InRange(p.Int("nodePort") ?? 0, 30000, 32767));

        var secret = await GetJson("get", "secret", "postgres-credentials", "-n", "data");
        Assert.Null(secret["stringData"]);
        Assert.Equal("ZGVtby1wb3N0Z3Jlcy1wdw==", Json.StringMap(secret["data"])["POSTGRES_PASSWORD"]);

        await EmulatorFixture.Eventually(async () =>
            Json.StringMap((await GetJson("get", "quota", "compute", "-n", "shop")).At("status.used")).GetValueOrDefault("services") == "4",
            "the shop quota to count its services");
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "sa", "default", "-n", "shop")).ExitCode == 0, "default service accounts");
    }

    [Fact]
    public async Task Demo_users_exist_with_their_rbac_objects()
    {
        var tokens = fx.Emulator.Context.Users.Tokens;
        Assert.Contains("admin", tokens.Keys);
        Assert.Contains("developer", tokens.Keys);
        Assert.Contains("viewer", tokens.Keys);
        var dev = fx.KubeconfigFor(tokens["developer"], "developer");
        (await fx.Run(dev, null, null, "get", "namespaces")).EnsureSuccess();

        foreach (var ns in new[] { "shop", "payments" })
        {
            var rb = await GetJson("get", "rolebinding", "developer-edit", "-n", ns);
            Assert.Equal("edit", rb.Str("roleRef.name"));
            Assert.Equal("ClusterRole", rb.Str("roleRef.kind"));
            Assert.Equal("developer", rb.Items("subjects").Single().Str("name"));
        }
        Assert.Equal("view", (await GetJson("get", "clusterrolebinding", "viewer-view")).Str("roleRef.name"));
        Assert.Equal("namespace-reader", (await GetJson("get", "clusterrolebinding", "developer-namespace-reader")).Str("roleRef.name"));
    }

    [Fact]
    public async Task Demo_loads_in_well_under_a_second()
    {
        // A second load into a fresh context, after this one warmed up the code: measures the scenario, not the JIT.
        var context = new EmulatorContext(new EmulatorOptions { Scenario = "demo", RunControllers = false }, NullLoggerFactory.Instance);
        foreach (var module in EmulatorModules.All()) module.Register(context);
        Bootstrap.Load(context);
        var watch = Stopwatch.StartNew();
        ScenarioCatalog.Get("demo").Load(context);
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"demo took {watch.Elapsed.TotalMilliseconds:0} ms to load");
        Assert.True(context.Store.Count(context.Type("apps", "deployments")) >= 12);
        await Task.CompletedTask;
    }
}
