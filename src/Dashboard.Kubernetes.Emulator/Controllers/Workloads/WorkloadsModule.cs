namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The workload half of kube-controller-manager: defaulting and validation of apps/batch kinds, the controllers of
/// ReplicaSets, Deployments, StatefulSets, DaemonSets, Jobs and CronJobs, the garbage collector and <c>*/scale</c>.
/// </summary>
internal sealed class WorkloadsModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.Api.AddAdmission(new WorkloadDefaults());
        context.Api.AddAdmission(new WorkloadValidation());
        context.Subresources["*/scale"] = ScaleSubresource.HandleAsync;
        context.Controllers.Add(new ReplicaSetController(context, context.Type("apps", "replicasets"), mapSelector: false));
        context.Controllers.Add(new ReplicaSetController(context, context.Type("", "replicationcontrollers"), mapSelector: true));
        context.Controllers.Add(new DeploymentController(context));
        context.Controllers.Add(new StatefulSetController(context));
        context.Controllers.Add(new DaemonSetController(context));
        context.Controllers.Add(new JobController(context));
        context.Controllers.Add(new CronJobController(context));
        context.Controllers.Add(new GarbageCollector(context));
    }
}
