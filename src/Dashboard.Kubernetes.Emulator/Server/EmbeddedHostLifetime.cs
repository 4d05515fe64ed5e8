using Microsoft.Extensions.Hosting;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>
/// The emulator's web host is embedded (in tests, in the dashboard's demo mode, in the CLI) and must not take over
/// Ctrl+C or SIGTERM the way the default console lifetime does: whoever embeds it decides when it stops.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
