namespace Dashboard.Kubernetes.Emulator;

/// <summary>
/// One area of the emulator (patching, RBAC, controllers, kubelet, printers...). Modules register their pieces in the
/// context at start; the emulator composes them from <see cref="EmulatorModules.All"/>.
/// </summary>
public interface IEmulatorModule
{
    /// <summary>Registers handlers, plugins and controllers.</summary>
    void Register(EmulatorContext context);
}
