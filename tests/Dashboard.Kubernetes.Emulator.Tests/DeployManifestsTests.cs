namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The manifests in deploy/ are what operators apply: kubectl must accept them against a server, not just parse them.</summary>
public sealed class DeployManifestsTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private static string DeployDir([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "deploy"));

    [Fact]
    public async Task The_deploy_manifests_apply_cleanly_with_strict_validation()
    {
        var created = await fx.Kubectl("apply", "-f", DeployDir(), "--validate=strict");
        Assert.True(created.ExitCode == 0, created.Stderr);
        foreach (var expected in new[] { "namespace/dashboard", "serviceaccount/dashboard", "deployment.apps/dashboard", "service/dashboard", "ingress.networking.k8s.io/dashboard", "networkpolicy.networking.k8s.io/dashboard", "clusterrolebinding.rbac.authorization.k8s.io/dashboard-viewer" })
            Assert.Contains(expected + " created", created.Stdout, StringComparison.Ordinal);

        var service = await fx.Kubectl("get", "service", "dashboard", "-n", "dashboard", "-o", "jsonpath={.spec.type} {.spec.ports[0].nodePort} {.spec.sessionAffinity}");
        Assert.Equal("NodePort 30080 ClientIP", service.Stdout.Trim());

        // The example read-only identity can sign in: a token can be made for it, and it may list but not delete.
        var token = await fx.Kubectl("create", "token", "dashboard-viewer", "-n", "dashboard");
        Assert.Equal(0, token.ExitCode);
        var canList = await fx.Kubectl("auth", "can-i", "list", "pods", "--as", "system:serviceaccount:dashboard:dashboard-viewer", "-A");
        var canDelete = await fx.Kubectl("auth", "can-i", "delete", "pods", "--as", "system:serviceaccount:dashboard:dashboard-viewer", "-A");
        Assert.Equal("yes", canList.Stdout.Trim());
        Assert.Equal("no", canDelete.Stdout.Trim());
    }
}
