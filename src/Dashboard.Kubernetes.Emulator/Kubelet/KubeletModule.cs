namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>The simulated kubelets (pod lifecycle) and the node lifecycle: heartbeats, leases, condition taints.</summary>
internal sealed class KubeletModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.Controllers.Add(new KubeletController(context));
        context.Controllers.Add(new NodeLifecycleController(context));
        context.Subresources["pods/ephemeralcontainers"] = EphemeralContainersHandler.HandleAsync;
    }
}
