namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>The scheduler and the pods/binding subresource.</summary>
internal sealed class SchedulingModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.Controllers.Add(new SchedulerController(context));
        context.Subresources["pods/binding"] = BindingHandler.HandleAsync;
    }
}
