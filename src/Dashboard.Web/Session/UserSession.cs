using System.Security.Claims;
using Dashboard.Core.Actions;
using Dashboard.Core.Caching;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;

namespace Dashboard.Web.Session;

/// <summary>
/// Who is using this circuit, on which cluster, as which identity (the hash of their credential). Scoped: one per
/// circuit. Pages build informer keys and action contexts from it, so every call carries the user's own credential.
/// </summary>
public sealed class UserSession(ClusterConnections clusters, KubeClientPool pool, SessionRevocations revocations) : IDisposable
{
    private Action<string, string, SessionEndReason>? _listener;

    /// <summary>The cluster in use.</summary>
    public ClusterConnection Cluster { get; private set; } = clusters.Default;

    /// <summary>The identity whose client makes every call.</summary>
    public string Identity { get; private set; } = "";

    /// <summary>The user's name as the API server reported it.</summary>
    public string UserName { get; private set; } = "";

    /// <summary>The user's groups.</summary>
    public IReadOnlyList<string> Groups { get; private set; } = [];

    /// <summary>True once <see cref="Start"/> found a usable credential.</summary>
    public bool IsSignedIn => Identity.Length > 0;

    /// <summary>Raised once when this session's credential stops working (401) or is signed out elsewhere.</summary>
    public event Action<SessionEndReason>? Ended;

    /// <summary>The context for actions made by this user.</summary>
    public ActionContext ActionContext => new(Cluster.Name, Identity, UserName);

    /// <summary>A key for an informer of this user on this cluster.</summary>
    public InformerKey Key(Kubernetes.Models.ResourceKind kind, string? ns = null, string? labelSelector = null, string? fieldSelector = null) =>
        new(Cluster.Name, Identity, kind, kind.Namespaced ? ns : null, labelSelector, fieldSelector);

    /// <summary>Takes the user from the authenticated principal of the request that opened the circuit.</summary>
    public void Start(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return;
        Cluster = clusters.Find(user.FindFirstValue(DashboardClaims.Cluster));
        UserName = user.Identity.Name ?? "";
        Groups = user.FindAll(DashboardClaims.Group).Select(c => c.Value).ToList();
        var token = user.FindFirstValue(DashboardClaims.Token);
        // After a restart the pool is empty but the cookie is still good: the client is rebuilt from the cookie's token.
        Identity = token is not null ? pool.SignIn(Cluster.Name, token) : Cluster.SharedIdentity ?? "";
        if (revocations.ReasonFor(Cluster.Name, Identity) is { } reason)
        {
            Identity = "";
            Ended?.Invoke(reason);
            return;
        }
        _listener = (cluster, identity, why) =>
        {
            if (cluster == Cluster.Name && identity == Identity) Ended?.Invoke(why);
        };
        revocations.Ended += _listener;
    }

    /// <summary>Reports a 401 seen by this user's call outside the cache (an action, a log stream).</summary>
    public void CredentialRejected() => revocations.End(Cluster.Name, Identity, SessionEndReason.Expired);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_listener is not null) revocations.Ended -= _listener;
    }
}
