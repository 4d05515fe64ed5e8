using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dashboard.Kubernetes.Auth;

namespace Dashboard.Kubernetes.Config;

/// <summary>Where a client's settings came from.</summary>
public enum KubeConfigSource
{
    /// <summary>An explicit server and token (a signed-in user).</summary>
    Explicit,
    /// <summary>The files named by <c>KUBECONFIG</c>.</summary>
    KubeconfigEnvironment,
    /// <summary>The ServiceAccount environment of a pod.</summary>
    InCluster,
    /// <summary><c>~/.kube/config</c>.</summary>
    HomeKubeconfig,
}

/// <summary>Everything needed to talk to one cluster as one identity.</summary>
public sealed record KubeClientSettings
{
    /// <summary>API server URL.</summary>
    public required Uri Server { get; init; }
    /// <summary>The identity.</summary>
    public required IKubeCredential Credential { get; init; }
    /// <summary>CA certificates to trust for the server; empty means the system store.</summary>
    public X509Certificate2Collection CertificateAuthorities { get; init; } = [];
    /// <summary>Skip server certificate checks (only when a kubeconfig says so).</summary>
    public bool InsecureSkipTlsVerify { get; init; }
    /// <summary>Name the server certificate must carry, when not the URL's host.</summary>
    public string? TlsServerName { get; init; }
    /// <summary>Proxy URL.</summary>
    public Uri? Proxy { get; init; }
    /// <summary>Default namespace (context namespace or the pod's).</summary>
    public string Namespace { get; init; } = "default";
    /// <summary>The kubeconfig context these settings came from, if any.</summary>
    public string? ContextName { get; init; }
    /// <summary>Where the settings came from.</summary>
    public KubeConfigSource Source { get; init; }
    /// <summary>Timeout of non-streaming requests.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>User agent sent with every request.</summary>
    public string UserAgent { get; init; } = "dashboard/0.1";

    /// <summary>The same cluster with another identity (a signed-in user's token).</summary>
    public KubeClientSettings WithCredential(IKubeCredential credential) => this with { Credential = credential };

    /// <summary>Parses PEM text with one or more certificates.</summary>
    public static X509Certificate2Collection ParsePem(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    /// <summary>Builds settings from a kubeconfig context (the current one when <paramref name="contextName"/> is null).</summary>
    /// <exception cref="KubeconfigException">The context, cluster or user is missing or unusable.</exception>
    public static KubeClientSettings FromKubeconfig(Kubeconfig config, string? contextName = null, KubeConfigSource source = KubeConfigSource.KubeconfigEnvironment)
    {
        contextName ??= config.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
            throw new KubeconfigException($"no current-context is set in {string.Join(", ", config.Files.DefaultIfEmpty("the kubeconfig"))}");
        if (!config.Contexts.TryGetValue(contextName, out var context))
            throw new KubeconfigException($"context \"{contextName}\" does not exist");
        if (!config.Clusters.TryGetValue(context.Cluster, out var cluster))
            throw new KubeconfigException($"context \"{contextName}\" names cluster \"{context.Cluster}\", which does not exist");
        if (string.IsNullOrEmpty(cluster.Server) || !Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
            throw new KubeconfigException($"cluster \"{cluster.Name}\" has no valid server URL");
        config.Users.TryGetValue(context.User, out var user);
        var cas = new X509Certificate2Collection();
        if (cluster.CertificateAuthorityData is { Length: > 0 } caData) cas.AddRange(ParsePem(Encoding.UTF8.GetString(Convert.FromBase64String(caData))));
        else if (cluster.CertificateAuthority is { Length: > 0 } caFile) cas.AddRange(ParsePem(ReadFile(caFile, $"certificate-authority of cluster \"{cluster.Name}\"")));
        return new KubeClientSettings
        {
            Server = server,
            Credential = CredentialFor(user, contextName),
            CertificateAuthorities = cas,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            Proxy = cluster.ProxyUrl is { Length: > 0 } p ? new Uri(p) : null,
            Namespace = context.Namespace is { Length: > 0 } ns ? ns : "default",
            ContextName = contextName,
            Source = source,
        };
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"unable to read {what} from {path}: {e.Message}", e);
        }
    }

    private static IKubeCredential CredentialFor(KubeconfigUser? user, string contextName)
    {
        if (user is null) throw new KubeconfigException($"context \"{contextName}\" names a user that does not exist");
        if (user.Token is { Length: > 0 } token) return new BearerTokenCredential(token);
        if (user.TokenFile is { Length: > 0 } tokenFile) return new TokenFileCredential(tokenFile);
        if (user.Exec is { } exec) return new ExecCredential(exec);
        var cert = user.ClientCertificateData is { Length: > 0 } cd ? Encoding.UTF8.GetString(Convert.FromBase64String(cd))
            : user.ClientCertificate is { Length: > 0 } cf ? ReadFile(cf, $"client-certificate of user \"{user.Name}\"") : null;
        var key = user.ClientKeyData is { Length: > 0 } kd ? Encoding.UTF8.GetString(Convert.FromBase64String(kd))
            : user.ClientKey is { Length: > 0 } kf ? ReadFile(kf, $"client-key of user \"{user.Name}\"") : null;
        if (cert is not null && key is not null) return ClientCertificateCredential.FromPem(cert, key);
        throw new KubeconfigException($"user \"{user.Name}\" has no usable credential (token, tokenFile, client certificate and key, or exec)");
    }
}
