namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>The scenarios that can be loaded by name.</summary>
public static class ScenarioCatalog
{
    /// <summary>Every scenario.</summary>
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new EmptyScenario(),
        new Large.LargeScenario(),
        new DemoScenario(),
    ];

    /// <summary>Finds a scenario or throws with the list of known names.</summary>
    public static IScenario Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown scenario \"{name}\"; known: {string.Join(", ", All.Select(s => s.Name))}", nameof(name));
}

/// <summary>Nothing but the bootstrap objects.</summary>
internal sealed class EmptyScenario : IScenario
{
    public string Name => "empty";
    public string Description => "only the bootstrap namespaces, roles and the admin user";
    public void Load(EmulatorContext context) { }
}
