using Dashboard.Core.Caching;
using Dashboard.Kubernetes;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Emulator;

namespace Dashboard.Web.Hosting;

/// <summary>One cluster the dashboard can show.</summary>
/// <param name="Name">The key in the client pool (a kubeconfig context name, "in-cluster" or "demo").</param>
/// <param name="RequiresSignIn">True when users sign in with their own token; false when the cluster's own credential is used.</param>
/// <param name="DefaultNamespace">The namespace the picker starts on.</param>
public sealed record ClusterConnection(string Name, bool RequiresSignIn, string DefaultNamespace)
{
    /// <summary>The identity of the cluster's own credential, when <see cref="RequiresSignIn"/> is false.</summary>
    public string? SharedIdentity { get; init; }

    /// <summary>The kinds this cluster serves: built-ins plus discovered custom resources.</summary>
    public ResourceKinds Kinds { get; } = new();
}

/// <summary>
/// The clusters of this run, chosen by <see cref="DashboardMode"/>: the embedded emulator (demo), every context of a
/// kubeconfig, or the pod's own cluster. Registers each with the <see cref="KubeClientPool"/>.
/// </summary>
public sealed class ClusterConnections : IAsyncDisposable
{
    private readonly List<ClusterConnection> _clusters = [];

    private ClusterConnections(DashboardMode mode) => Mode = mode;

    /// <summary>The mode actually in effect (never <see cref="DashboardMode.Auto"/>).</summary>
    public DashboardMode Mode { get; }

    /// <summary>The embedded emulator in demo mode, else null.</summary>
    public KubeEmulator? Emulator { get; private set; }

    /// <summary>The clusters, the default first.</summary>
    public IReadOnlyList<ClusterConnection> All => _clusters;

    /// <summary>The cluster opened when none is chosen.</summary>
    public ClusterConnection Default => _clusters[0];

    /// <summary>A cluster by name, or the default one when the name is unknown or empty.</summary>
    public ClusterConnection Find(string? name) => _clusters.FirstOrDefault(c => c.Name == name) ?? Default;

    /// <summary>The demo users offered on the sign-in page (demo mode only).</summary>
    public IReadOnlyList<string> DemoUsers =>
        Emulator is null ? [] : new[] { "admin", "developer", "viewer" }.Where(Emulator.Context.Users.Tokens.ContainsKey).ToList();

    /// <summary>The token of a demo user (demo mode only).</summary>
    public string DemoToken(string user) =>
        Emulator?.Context.Users.TokenOf(user) ?? throw new InvalidOperationException("demo users exist only in demo mode");

    /// <summary>Resolves the mode and connects the clusters.</summary>
    public static async Task<ClusterConnections> StartAsync(DashboardOptions options, KubeClientPool pool, ILoggerFactory loggers, KubeClientSettingsLoader? loader = null)
    {
        loader ??= new KubeClientSettingsLoader();
        var mode = options.Mode;
        if (mode == DashboardMode.Auto)
        {
            mode = loader.IsInCluster ? DashboardMode.InCluster
                : options.Kubeconfig is not null || loader.LoadKubeconfig() is not null ? DashboardMode.Kubeconfig
                : DashboardMode.Demo;
        }
        var connections = new ClusterConnections(mode);
        switch (mode)
        {
            case DashboardMode.Demo:
                connections.Emulator = await KubeEmulator.StartAsync(new EmulatorOptions
                {
                    Scenario = options.DemoScenario,
                    TimeScale = options.DemoTimeScale,
                    LargePods = options.DemoLargePods,
                    LargeNodes = options.DemoLargeNodes,
                }, loggers).ConfigureAwait(false);
                pool.AddCluster("demo", KubeClientSettingsLoader.Explicit(connections.Emulator.Url, connections.Emulator.AdminToken, connections.Emulator.CaPem));
                connections._clusters.Add(new ClusterConnection("demo", RequiresSignIn: true, "default"));
                break;
            case DashboardMode.InCluster:
                var inCluster = loader.InCluster();
                pool.AddCluster("in-cluster", inCluster);
                connections._clusters.Add(new ClusterConnection("in-cluster", RequiresSignIn: true, inCluster.Namespace));
                break;
            default:
                var config = options.Kubeconfig is { } path ? Kubeconfig.Load([path])
                    : loader.LoadKubeconfig() ?? throw new InvalidOperationException("no kubeconfig found: set KUBECONFIG or Dashboard__Kubeconfig");
                var first = options.Context ?? config.CurrentContext;
                foreach (var context in config.Contexts.Values.OrderBy(c => c.Name == first ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal))
                {
                    var settings = KubeClientSettings.FromKubeconfig(config, context.Name);
                    pool.AddCluster(context.Name, settings);
                    var identity = pool.UseClusterCredential(context.Name, "kubeconfig:" + context.Name);
                    connections._clusters.Add(new ClusterConnection(context.Name, RequiresSignIn: false, settings.Namespace) { SharedIdentity = identity });
                }
                if (connections._clusters.Count == 0) throw new InvalidOperationException("the kubeconfig has no contexts");
                break;
        }
        return connections;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null) await Emulator.DisposeAsync().ConfigureAwait(false);
    }
}
