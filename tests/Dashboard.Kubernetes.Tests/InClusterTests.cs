using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Tests;

/// <summary>A pod's view: the ServiceAccount directory and service environment, with the kubelet rotating the token.</summary>
public sealed class InClusterTests(EmulatorClientFixture fx) : IClassFixture<EmulatorClientFixture>, IDisposable
{
    private readonly string _sa = Directory.CreateTempSubdirectory("serviceaccount-").FullName;

    public void Dispose() => Directory.Delete(_sa, true);

    [Fact]
    public async Task The_in_cluster_client_picks_up_a_rotated_token_without_being_rebuilt()
    {
        var first = fx.Emulator.Context.Users.Add("pod-identity-1", "system:masters");
        var second = fx.Emulator.Context.Users.Add("pod-identity-2", "system:masters");
        var tokenPath = Path.Combine(_sa, "token");
        await File.WriteAllTextAsync(tokenPath, first);
        await File.WriteAllTextAsync(Path.Combine(_sa, "ca.crt"), fx.Emulator.CaPem);
        await File.WriteAllTextAsync(Path.Combine(_sa, "namespace"), "kube-system");
        var env = new Dictionary<string, string?>
        {
            ["KUBERNETES_SERVICE_HOST"] = fx.Emulator.Url.Host,
            ["KUBERNETES_SERVICE_PORT"] = fx.Emulator.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var loader = new KubeClientSettingsLoader(k => env.GetValueOrDefault(k), _sa, home: _sa);
        Assert.True(loader.IsInCluster);
        var settings = loader.TryResolve()!;
        Assert.Equal(KubeConfigSource.InCluster, settings.Source);
        Assert.Equal("kube-system", settings.Namespace);
        using var client = new KubeApiClient(settings);

        await client.ListAsync(ConfigMap.Resource, settings.Namespace);
        Assert.Equal("pod-identity-1", LastUserOn("/api/v1/namespaces/kube-system/configmaps"));

        // The kubelet rewrites the projected token; the old one stops working.
        await File.WriteAllTextAsync(tokenPath, second);
        File.SetLastWriteTimeUtc(tokenPath, DateTime.UtcNow.AddSeconds(5));
        fx.Emulator.Context.Users.Revoke("pod-identity-1");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await client.ListAsync(ConfigMap.Resource, settings.Namespace);
        Assert.Equal("pod-identity-2", LastUserOn("/api/v1/namespaces/kube-system/configmaps"));
    }

    private string? LastUserOn(string path) =>
        fx.Emulator.Context.Requests.Entries.LastOrDefault(r => r.Path == path && r.StatusCode == 200)?.User;
}
