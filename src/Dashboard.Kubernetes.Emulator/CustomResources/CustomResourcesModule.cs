namespace Dashboard.Kubernetes.Emulator.CustomResources;

/// <summary>CustomResourceDefinitions: validation, the establishing controller and the printers of custom resources.</summary>
internal sealed class CustomResourcesModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        var controller = new CrdController(context);
        context.Api.AddAdmission(new CrdValidation());
        context.Controllers.Add(controller);
        var previous = context.DynamicTablePrinter;
        context.DynamicTablePrinter = rt => rt.IsCustom ? controller.PrinterFor(rt) : previous?.Invoke(rt);
    }
}
