namespace Dashboard.Kubernetes.Emulator.Metrics;

/// <summary>Serves metrics.k8s.io/v1beta1 so that <c>kubectl top</c> and dashboards see resource usage.</summary>
internal sealed class MetricsModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        var handlers = new MetricsHandlers(context);
        context.VirtualResources[context.Type("metrics.k8s.io", "nodes")] = handlers.NodesAsync;
        context.VirtualResources[context.Type("metrics.k8s.io", "pods")] = handlers.PodsAsync;
    }
}
