using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Emulator;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>An in-process emulator with the admin signed in to a client pool, as the web host would have it.</summary>
public sealed class ScenarioCluster : IAsyncDisposable
{
    private ScenarioCluster(KubeEmulator emulator, KubeClientPool pool, string identity)
    {
        Emulator = emulator;
        Pool = pool;
        Identity = identity;
    }

    public KubeEmulator Emulator { get; }
    public KubeClientPool Pool { get; }
    public string Identity { get; }

    public static async Task<ScenarioCluster> StartAsync(EmulatorOptions options)
    {
        var emulator = await KubeEmulator.StartAsync(options);
        var pool = new KubeClientPool();
        pool.AddCluster("bench", KubeClientSettingsLoader.Explicit(emulator.Url, emulator.AdminToken, emulator.CaPem));
        return new ScenarioCluster(emulator, pool, pool.SignIn("bench", emulator.AdminToken));
    }

    public InformerKey Key(Kubernetes.Models.ResourceKind kind, string? ns = null) => new("bench", Identity, kind, ns);

    public async ValueTask DisposeAsync()
    {
        Pool.Dispose();
        await Emulator.DisposeAsync();
    }
}
