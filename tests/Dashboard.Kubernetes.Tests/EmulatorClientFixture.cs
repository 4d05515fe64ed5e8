using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Emulator;

namespace Dashboard.Kubernetes.Tests;

/// <summary>An emulator over https and an admin client that trusts its CA.</summary>
public class EmulatorClientFixture : IAsyncLifetime
{
    protected virtual EmulatorOptions Options => new() { Scenario = "empty", TimeScale = 0.05 };

    public KubeEmulator Emulator { get; private set; } = null!;
    public KubeApiClient Admin { get; private set; } = null!;

    public KubeApiClient ClientFor(string token) => new(KubeClientSettingsLoader.Explicit(Emulator.Url, token, Emulator.CaPem));

    public async Task InitializeAsync()
    {
        Emulator = await KubeEmulator.StartAsync(Options);
        Admin = ClientFor(Emulator.AdminToken);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Emulator.DisposeAsync();
    }
}
