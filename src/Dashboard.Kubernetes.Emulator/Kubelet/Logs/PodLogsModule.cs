namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>Serves pods/log from generated, deterministic container logs.</summary>
internal sealed class PodLogsModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        var handler = new PodLogHandler(context);
        context.Subresources["pods/log"] = handler.HandleAsync;
    }
}
