using Dashboard.Kubernetes.Auth;

namespace Dashboard.Kubernetes.Config;

/// <summary>
/// Finds the settings to use, in the order explicit → <c>KUBECONFIG</c> → in-cluster → <c>~/.kube/config</c>.
/// The environment is passed in so that tests can describe any machine.
/// </summary>
public sealed class KubeClientSettingsLoader
{
    /// <summary>Where a pod's ServiceAccount credentials are mounted.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly Func<string, string?> _env;
    private readonly string _serviceAccountDir;
    private readonly string _home;

    /// <summary>Creates a loader over an environment (defaults: the process environment and the real paths).</summary>
    public KubeClientSettingsLoader(Func<string, string?>? environment = null, string? serviceAccountDirectory = null, string? home = null)
    {
        _env = environment ?? Environment.GetEnvironmentVariable;
        _serviceAccountDir = serviceAccountDirectory ?? ServiceAccountDirectory;
        _home = home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    /// <summary>True when the ServiceAccount environment of a pod is present.</summary>
    public bool IsInCluster =>
        !string.IsNullOrEmpty(_env("KUBERNETES_SERVICE_HOST")) && File.Exists(Path.Combine(_serviceAccountDir, "token"));

    /// <summary>The files <c>KUBECONFIG</c> names, split on ':'.</summary>
    public IReadOnlyList<string> KubeconfigPaths =>
        (_env("KUBECONFIG") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Path of <c>~/.kube/config</c>.</summary>
    public string HomeKubeconfigPath => Path.Combine(_home, ".kube", "config");

    /// <summary>Settings for an explicit server and bearer token.</summary>
    public static KubeClientSettings Explicit(Uri server, string token, string? caPem = null) => new()
    {
        Server = server,
        Credential = new BearerTokenCredential(token),
        CertificateAuthorities = caPem is null ? [] : KubeClientSettings.ParsePem(caPem),
        Source = KubeConfigSource.Explicit,
    };

    /// <summary>Resolves settings, or null when nothing is configured (no KUBECONFIG, not in a pod, no ~/.kube/config).</summary>
    public KubeClientSettings? TryResolve(string? contextName = null)
    {
        var paths = KubeconfigPaths.Where(File.Exists).ToList();
        if (paths.Count > 0) return KubeClientSettings.FromKubeconfig(Kubeconfig.Load(paths), contextName, KubeConfigSource.KubeconfigEnvironment);
        if (IsInCluster) return InCluster();
        if (File.Exists(HomeKubeconfigPath))
            return KubeClientSettings.FromKubeconfig(Kubeconfig.Load([HomeKubeconfigPath]), contextName, KubeConfigSource.HomeKubeconfig);
        return null;
    }

    /// <summary>The kubeconfig that <see cref="TryResolve"/> would read, or null (for context switching).</summary>
    public Kubeconfig? LoadKubeconfig()
    {
        var paths = KubeconfigPaths.Where(File.Exists).ToList();
        if (paths.Count > 0) return Kubeconfig.Load(paths);
        return !IsInCluster && File.Exists(HomeKubeconfigPath) ? Kubeconfig.Load([HomeKubeconfigPath]) : null;
    }

    /// <summary>Settings of the pod's ServiceAccount: service host/port, CA, namespace, and the token file (re-read on rotation).</summary>
    public KubeClientSettings InCluster()
    {
        var host = _env("KUBERNETES_SERVICE_HOST") ?? throw new KubeconfigException("KUBERNETES_SERVICE_HOST is not set: not running in a pod");
        var port = _env("KUBERNETES_SERVICE_PORT") is { Length: > 0 } p ? p : "443";
        if (host.Contains(':', StringComparison.Ordinal)) host = $"[{host}]";
        var caPath = Path.Combine(_serviceAccountDir, "ca.crt");
        var nsPath = Path.Combine(_serviceAccountDir, "namespace");
        return new KubeClientSettings
        {
            Server = new Uri($"https://{host}:{port}"),
            Credential = new TokenFileCredential(Path.Combine(_serviceAccountDir, "token")),
            CertificateAuthorities = File.Exists(caPath) ? KubeClientSettings.ParsePem(File.ReadAllText(caPath)) : [],
            Namespace = File.Exists(nsPath) ? File.ReadAllText(nsPath).Trim() : "default",
            Source = KubeConfigSource.InCluster,
        };
    }
}
