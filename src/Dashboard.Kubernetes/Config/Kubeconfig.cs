using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Serialization;

namespace Dashboard.Kubernetes.Config;

/// <summary>A cluster entry of a kubeconfig.</summary>
public sealed record KubeconfigCluster(string Name)
{
    /// <summary>API server URL.</summary>
    public string? Server { get; init; }
    /// <summary>Path of a CA bundle (resolved against the kubeconfig's folder).</summary>
    public string? CertificateAuthority { get; init; }
    /// <summary>Inline CA bundle (base64 PEM).</summary>
    public string? CertificateAuthorityData { get; init; }
    /// <summary>Skip server certificate verification (discouraged).</summary>
    public bool InsecureSkipTlsVerify { get; init; }
    /// <summary>Name to verify the server certificate against, instead of the URL's host.</summary>
    public string? TlsServerName { get; init; }
    /// <summary>HTTP(S) proxy for this cluster.</summary>
    public string? ProxyUrl { get; init; }
}

/// <summary>An exec credential plugin (client.authentication.k8s.io).</summary>
public sealed record ExecConfig(string Command)
{
    /// <summary>Arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    /// <summary>ExecCredential API version the plugin speaks.</summary>
    public string ApiVersion { get; init; } = "client.authentication.k8s.io/v1";
    /// <summary>Shown when the command is missing.</summary>
    public string? InstallHint { get; init; }
    /// <summary>Pass cluster info in KUBERNETES_EXEC_INFO.</summary>
    public bool ProvideClusterInfo { get; init; }
}

/// <summary>A user entry of a kubeconfig.</summary>
public sealed record KubeconfigUser(string Name)
{
    /// <summary>Bearer token.</summary>
    public string? Token { get; init; }
    /// <summary>File holding a bearer token (re-read on rotation).</summary>
    public string? TokenFile { get; init; }
    /// <summary>Client certificate path.</summary>
    public string? ClientCertificate { get; init; }
    /// <summary>Inline client certificate (base64 PEM).</summary>
    public string? ClientCertificateData { get; init; }
    /// <summary>Client key path.</summary>
    public string? ClientKey { get; init; }
    /// <summary>Inline client key (base64 PEM).</summary>
    public string? ClientKeyData { get; init; }
    /// <summary>Exec credential plugin.</summary>
    public ExecConfig? Exec { get; init; }
    /// <summary>Basic auth user (legacy; not supported by recent servers but carried through).</summary>
    public string? Username { get; init; }
    /// <summary>Basic auth password.</summary>
    public string? Password { get; init; }
}

/// <summary>A context entry: cluster + user + default namespace.</summary>
public sealed record KubeconfigContext(string Name, string Cluster, string User, string? Namespace);

/// <summary>
/// One or more kubeconfig files merged the way kubectl merges <c>KUBECONFIG</c>: for clusters, users and contexts the
/// first file that defines a name wins, and the first non-empty current-context wins.
/// </summary>
public sealed class Kubeconfig
{
    private readonly Dictionary<string, KubeconfigCluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeconfigUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeconfigContext> _contexts = new(StringComparer.Ordinal);

    /// <summary>The merged current-context.</summary>
    public string? CurrentContext { get; private set; }
    /// <summary>Clusters by name.</summary>
    public IReadOnlyDictionary<string, KubeconfigCluster> Clusters => _clusters;
    /// <summary>Users by name.</summary>
    public IReadOnlyDictionary<string, KubeconfigUser> Users => _users;
    /// <summary>Contexts by name.</summary>
    public IReadOnlyDictionary<string, KubeconfigContext> Contexts => _contexts;
    /// <summary>The files that were read, in order.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>Loads and merges files (missing files are skipped, as kubectl does).</summary>
    /// <exception cref="KubeconfigException">A file cannot be parsed.</exception>
    public static Kubeconfig Load(IEnumerable<string> paths)
    {
        var config = new Kubeconfig();
        var files = new List<string>();
        foreach (var path in paths.Where(p => p.Length > 0).Distinct())
        {
            if (!File.Exists(path)) continue;
            files.Add(path);
            config.Merge(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", path);
        }
        config.Files = files;
        return config;
    }

    /// <summary>Parses kubeconfig text; relative file paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static Kubeconfig Parse(string yaml, string baseDirectory = ".")
    {
        var config = new Kubeconfig();
        config.Merge(yaml, baseDirectory, "(text)");
        return config;
    }

    private void Merge(string yaml, string dir, string source)
    {
        JsonObject root;
        try
        {
            var docs = YamlDocuments.ParseAll(yaml);
            if (docs.Count == 0) return;
            root = docs[0] as JsonObject ?? throw new KubeconfigException($"{source}: a kubeconfig must be a mapping");
        }
        catch (YamlParseException e)
        {
            throw new KubeconfigException($"{source}: {e.Message}", e);
        }
        if (string.IsNullOrEmpty(CurrentContext) && Str(root, "current-context") is { Length: > 0 } current) CurrentContext = current;
        foreach (var entry in Entries(root, "clusters"))
        {
            var name = Str(entry, "name") ?? throw new KubeconfigException($"{source}: a cluster has no name");
            if (_clusters.ContainsKey(name)) continue;
            var c = entry["cluster"] as JsonObject ?? [];
            _clusters[name] = new KubeconfigCluster(name)
            {
                Server = Str(c, "server"),
                CertificateAuthority = Resolve(dir, Str(c, "certificate-authority")),
                CertificateAuthorityData = Str(c, "certificate-authority-data"),
                InsecureSkipTlsVerify = c["insecure-skip-tls-verify"] is JsonValue v && v.TryGetValue<bool>(out var b) && b,
                TlsServerName = Str(c, "tls-server-name"),
                ProxyUrl = Str(c, "proxy-url"),
            };
        }
        foreach (var entry in Entries(root, "users"))
        {
            var name = Str(entry, "name") ?? throw new KubeconfigException($"{source}: a user has no name");
            if (_users.ContainsKey(name)) continue;
            var u = entry["user"] as JsonObject ?? [];
            ExecConfig? exec = null;
            if (u["exec"] is JsonObject e)
            {
                exec = new ExecConfig(Str(e, "command") ?? throw new KubeconfigException($"{source}: user {name}: exec has no command"))
                {
                    Args = (e["args"] as JsonArray ?? []).Select(a => a?.ToString() ?? "").ToList(),
                    Env = (e["env"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(x => Str(x, "name") ?? "", x => Str(x, "value") ?? ""),
                    ApiVersion = Str(e, "apiVersion") ?? "client.authentication.k8s.io/v1",
                    InstallHint = Str(e, "installHint"),
                    ProvideClusterInfo = e["provideClusterInfo"] is JsonValue pv && pv.TryGetValue<bool>(out var p) && p,
                };
            }
            _users[name] = new KubeconfigUser(name)
            {
                Token = Str(u, "token"),
                TokenFile = Resolve(dir, Str(u, "tokenFile")),
                ClientCertificate = Resolve(dir, Str(u, "client-certificate")),
                ClientCertificateData = Str(u, "client-certificate-data"),
                ClientKey = Resolve(dir, Str(u, "client-key")),
                ClientKeyData = Str(u, "client-key-data"),
                Exec = exec,
                Username = Str(u, "username"),
                Password = Str(u, "password"),
            };
        }
        foreach (var entry in Entries(root, "contexts"))
        {
            var name = Str(entry, "name") ?? throw new KubeconfigException($"{source}: a context has no name");
            if (_contexts.ContainsKey(name)) continue;
            var c = entry["context"] as JsonObject ?? [];
            _contexts[name] = new KubeconfigContext(name, Str(c, "cluster") ?? "", Str(c, "user") ?? "", Str(c, "namespace"));
        }
    }

    private static IEnumerable<JsonObject> Entries(JsonObject root, string key) => (root[key] as JsonArray ?? []).OfType<JsonObject>();

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v ? v.ToString() : null;

    private static string? Resolve(string dir, string? path) =>
        string.IsNullOrEmpty(path) ? path : Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(dir, path));
}

/// <summary>A kubeconfig could not be read or does not name what is needed.</summary>
public sealed class KubeconfigException(string message, Exception? inner = null) : Exception(message, inner);
