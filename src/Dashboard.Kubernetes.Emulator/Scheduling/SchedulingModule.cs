namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>The scheduler, the disruption controller and the pods/binding and pods/eviction subresources.</summary>
internal sealed class SchedulingModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.Controllers.Add(new SchedulerController(context));
        context.Controllers.Add(new DisruptionController(context));
        context.Subresources["pods/binding"] = BindingHandler.HandleAsync;
        context.Subresources["pods/eviction"] = EvictionHandler.HandleAsync;
    }
}
