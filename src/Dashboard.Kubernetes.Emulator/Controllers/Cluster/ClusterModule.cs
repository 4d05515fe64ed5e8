namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The cluster-level controllers of kube-controller-manager that kubectl users see working: quota status, endpoints
/// and endpoint slices, volume binding and provisioning, namespace deletion, default service accounts and root CA
/// config maps, HPA status; plus the <c>kubernetes</c> Service every cluster has.
/// </summary>
internal sealed class ClusterModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.BootstrapHooks.Add(KubernetesService.Create);
        context.Controllers.Add(new ServiceAccountController(context));
        context.Controllers.Add(new NamespaceController(context));
        context.Controllers.Add(new ResourceQuotaController(context));
        context.Controllers.Add(new EndpointsController(context));
        context.Controllers.Add(new PersistentVolumeController(context));
        context.Controllers.Add(new HorizontalPodAutoscalerController(context));
    }
}
