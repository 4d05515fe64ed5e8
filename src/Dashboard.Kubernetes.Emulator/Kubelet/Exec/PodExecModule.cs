namespace Dashboard.Kubernetes.Emulator.Kubelet.Exec;

/// <summary>Serves pods/exec and pods/attach over WebSocket with a simulated shell.</summary>
internal sealed class PodExecModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.Subresources["pods/exec"] = new PodExecHandler(context, attach: false).HandleAsync;
        context.Subresources["pods/attach"] = new PodExecHandler(context, attach: true).HandleAsync;
    }
}
