using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Registry;

/// <summary>Core pieces: static-token authentication and the bootstrap namespaces.</summary>
internal sealed class CoreModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.Authenticators.Add(context.Users);
    }
}
