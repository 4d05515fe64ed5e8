using System.Collections.Concurrent;
using Dashboard.Kubernetes.Auth;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;

namespace Dashboard.Core.Caching;

/// <summary>
/// One <see cref="KubeApiClient"/> per (cluster, identity): every API call is made with the signed-in user's own
/// credential, and clients are shared by everything that identity does. The identity is a hash of the token.
/// </summary>
public sealed class KubeClientPool : IDisposable
{
    private readonly ConcurrentDictionary<(string Cluster, string Identity), KubeApiClient> _clients = new();
    private readonly ConcurrentDictionary<string, KubeClientSettings> _clusters = new(StringComparer.Ordinal);

    /// <summary>Raised when an identity is forgotten (sign-out, or a 401 seen anywhere).</summary>
    public event Action<string, string>? IdentityForgotten;

    /// <summary>Registers a cluster's connection settings under a name (its credential is replaced per user).</summary>
    public void AddCluster(string name, KubeClientSettings settings) => _clusters[name] = settings;

    /// <summary>Known cluster names.</summary>
    public IReadOnlyCollection<string> Clusters => _clusters.Keys.ToList();

    /// <summary>The settings of a cluster.</summary>
    public KubeClientSettings ClusterSettings(string cluster) =>
        _clusters.TryGetValue(cluster, out var s) ? s : throw new KeyNotFoundException($"unknown cluster \"{cluster}\"");

    /// <summary>Registers a bearer token for a cluster and returns its identity (creating the client once).</summary>
    public string SignIn(string cluster, string token)
    {
        var identity = InformerKey.IdentityOf(token);
        _clients.GetOrAdd((cluster, identity), _ => new KubeApiClient(ClusterSettings(cluster).WithCredential(new BearerTokenCredential(token))));
        return identity;
    }

    /// <summary>Registers the cluster's own credential (kubeconfig or in-cluster ServiceAccount) and returns its identity.</summary>
    public string UseClusterCredential(string cluster, string identity)
    {
        _clients.GetOrAdd((cluster, identity), _ => new KubeApiClient(ClusterSettings(cluster)));
        return identity;
    }

    /// <summary>The client of an identity; throws when it is not signed in (any more).</summary>
    public KubeApiClient Get(string cluster, string identity) =>
        _clients.TryGetValue((cluster, identity), out var c) ? c : throw new InvalidOperationException("this identity is not signed in");

    /// <summary>True when the identity has a client.</summary>
    public bool Has(string cluster, string identity) => _clients.ContainsKey((cluster, identity));

    /// <summary>Drops an identity's client and tells listeners (the cache stops its watches).</summary>
    public void Forget(string cluster, string identity)
    {
        if (_clients.TryRemove((cluster, identity), out var client))
        {
            IdentityForgotten?.Invoke(cluster, identity);
            client.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var c in _clients.Values) c.Dispose();
        _clients.Clear();
    }
}
