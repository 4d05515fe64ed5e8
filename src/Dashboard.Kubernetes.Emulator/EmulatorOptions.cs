using System.Net;

namespace Dashboard.Kubernetes.Emulator;

/// <summary>How to start an emulator.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Where to listen; port 0 picks a free port.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);
    /// <summary>Scenario to load: demo, empty or large.</summary>
    public string Scenario { get; init; } = "empty";
    /// <summary>Nodes of the large scenario.</summary>
    public int LargeNodes { get; init; } = 500;
    /// <summary>Pods of the large scenario.</summary>
    public int LargePods { get; init; } = 30_000;
    /// <summary>Changes per second made by the churn generator (0: off).</summary>
    public int ChurnPerSecond { get; init; }
    /// <summary>Watch history size (events a watch can resume from).</summary>
    public int WatchHistorySize { get; init; } = 20_000;
    /// <summary>
    /// Multiplies the simulated kubelet's delays (pull, start, restart back-off). 1 is realistic-but-quick; tests use
    /// smaller values to run fast.
    /// </summary>
    public double TimeScale { get; init; } = 1.0;
    /// <summary>Extra DNS names or IPs for the serving certificate.</summary>
    public IReadOnlyList<string> ExtraCertificateNames { get; init; } = [];
    /// <summary>Run the simulated controllers and kubelet (off only for store-level tests).</summary>
    public bool RunControllers { get; init; } = true;
}
