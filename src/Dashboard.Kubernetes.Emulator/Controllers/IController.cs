namespace Dashboard.Kubernetes.Emulator.Controllers;

/// <summary>A simulated control-plane or node component that runs until the emulator stops.</summary>
public interface IController
{
    /// <summary>Runs until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
