using System.Collections.Concurrent;
using Dashboard.Core.Caching;

namespace Dashboard.Web.Security;

/// <summary>Why a session ended without the user asking.</summary>
public enum SessionEndReason
{
    /// <summary>The API server answered 401: the token expired or was revoked.</summary>
    Expired,
    /// <summary>The user signed out (in another tab, say).</summary>
    SignedOut,
}

/// <summary>
/// Identities whose credential stopped working. A 401 anywhere (an informer, an action) lands here: the identity's
/// client is dropped (which stops all its watches), its cookies are rejected on the next request, and every open
/// circuit of it is told, so the user is sent to sign in with the reason instead of watching a page that went stale.
/// </summary>
public sealed class SessionRevocations
{
    private readonly ConcurrentDictionary<(string Cluster, string Identity), SessionEndReason> _ended = new();
    private readonly KubeClientPool _pool;

    /// <summary>Listens to the cache for informers that became Unauthorized.</summary>
    public SessionRevocations(KubeClientPool pool, ClusterCache cache)
    {
        _pool = pool;
        cache.StatusChanged += (key, status) =>
        {
            if (status.State == InformerState.Unauthorized) End(key.Cluster, key.Identity, SessionEndReason.Expired);
        };
    }

    /// <summary>Raised (on any thread) when an identity's session ends.</summary>
    public event Action<string, string, SessionEndReason>? Ended;

    /// <summary>Ends every session of an identity: forgets its client (stopping its watches) and tells its circuits.</summary>
    public void End(string cluster, string identity, SessionEndReason reason)
    {
        if (!_ended.TryAdd((cluster, identity), reason)) return;
        _pool.Forget(cluster, identity);
        Ended?.Invoke(cluster, identity, reason);
    }

    /// <summary>Why the identity's session ended, or null while it is valid.</summary>
    public SessionEndReason? ReasonFor(string cluster, string identity) =>
        _ended.TryGetValue((cluster, identity), out var r) ? r : null;

    /// <summary>A fresh, successful sign-in with the same credential makes it valid again.</summary>
    public void Clear(string cluster, string identity) => _ended.TryRemove((cluster, identity), out _);
}
