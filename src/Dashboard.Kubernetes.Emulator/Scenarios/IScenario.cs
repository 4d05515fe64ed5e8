namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>A starting state for the emulated cluster.</summary>
public interface IScenario
{
    /// <summary>The name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line for --help.</summary>
    string Description { get; }

    /// <summary>Creates the scenario's objects and users.</summary>
    void Load(EmulatorContext context);
}
