namespace Dashboard.Kubernetes.Emulator.Patching;

/// <summary>PATCH content types (JSON patch, merge patch, strategic merge patch) and server-side apply.</summary>
internal sealed class PatchingModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        context.Api.AddPatcher(new JsonPatchApplier());
        context.Api.AddPatcher(new MergePatchApplier());
        context.Api.AddPatcher(new StrategicMergePatchApplier());
        context.Api.FieldManager = new FieldManager(context.Clock);
    }
}
