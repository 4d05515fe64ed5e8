namespace Dashboard.Kubernetes.Emulator.Tests;

public sealed class DiscoveryTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Kubectl_sees_the_server_version_and_the_system_namespaces()
    {
        var version = (await fx.Kubectl("version", "-o", "json")).EnsureSuccess();
        Assert.Contains("\"gitVersion\": \"v1.32.4\"", version.Stdout);

        var ns = (await fx.Kubectl("get", "namespaces")).EnsureSuccess();
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            Assert.Contains(name, ns.Stdout);
    }

    [Fact]
    public async Task Api_resources_lists_every_built_in_kind_with_short_names()
    {
        var r = (await fx.Kubectl("api-resources")).EnsureSuccess();
        foreach (var line in new[] { "deployments", "deploy", "apps/v1", "statefulsets", "cronjobs", "ingresses", "networkpolicies",
                     "customresourcedefinitions", "clusterrolebindings", "priorityclasses", "leases", "endpointslices", "horizontalpodautoscalers" })
            Assert.Contains(line, r.Stdout);
    }

    [Fact]
    public async Task Unknown_token_gets_401_and_unknown_path_404()
    {
        var bad = fx.KubeconfigFor("not-a-token", "bad");
        var r = await fx.Run(bad, null, null, "get", "pods");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Unauthorized", r.Stderr + r.Stdout);

        var raw = await fx.Kubectl("get", "--raw", "/apis/nope.example.com/v1");
        Assert.NotEqual(0, raw.ExitCode);
        Assert.Contains("NotFound", raw.Stderr);
    }
}
