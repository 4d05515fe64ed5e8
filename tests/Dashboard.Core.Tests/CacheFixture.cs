using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>An emulator, a client pool with the admin signed in, and a cache with short timings.</summary>
public sealed class CacheFixture : IAsyncLifetime
{
    public KubeEmulator Emulator { get; private set; } = null!;
    public KubeClientPool Pool { get; } = new();
    public string AdminIdentity { get; private set; } = "";
    public KubeApiClient Admin => Pool.Get("emulator", AdminIdentity);

    public ClusterCache NewCache(TimeSpan? grace = null) => new(Pool, new InformerOptions
    {
        GracePeriod = grace ?? TimeSpan.FromMilliseconds(300),
        InitialBackoff = TimeSpan.FromMilliseconds(100),
        ForbiddenRetry = TimeSpan.FromSeconds(30),
    });

    public InformerKey Key(ResourceKind kind, string? ns = null, string? identity = null, string? selector = null) =>
        new("emulator", identity ?? AdminIdentity, kind, ns, selector);

    public async Task InitializeAsync()
    {
        Emulator = await KubeEmulator.StartAsync(new EmulatorOptions { Scenario = "empty", TimeScale = 0.05 });
        Pool.AddCluster("emulator", KubeClientSettingsLoader.Explicit(Emulator.Url, Emulator.AdminToken, Emulator.CaPem));
        AdminIdentity = Pool.SignIn("emulator", Emulator.AdminToken);
    }

    public async Task DisposeAsync()
    {
        Pool.Dispose();
        await Emulator.DisposeAsync();
    }

    public async Task<string> NewNamespace(string name)
    {
        await Admin.CreateAsync(Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    public Task<KubeObject> CreateConfigMap(string ns, string name, string value = "v") =>
        Admin.CreateAsync(ConfigMap.Resource, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["data"] = new JsonObject { ["k"] = value },
        });

    public static async Task Eventually(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
