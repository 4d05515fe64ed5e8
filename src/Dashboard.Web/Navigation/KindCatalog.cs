using System.Collections.Concurrent;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Resources;
using Dashboard.Web.Session;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Navigation;

/// <summary>
/// The kinds a user's cluster serves (built-ins plus discovered custom resources), their titles, and the navigation
/// areas. Discovery runs with the user's own client at most once a minute per identity.
/// </summary>
public sealed class KindCatalog(KubeClientPool pool, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _discovered = new();

    /// <summary>The kinds of the session's cluster, discovering custom resources when the last look is old.</summary>
    public async Task<ResourceKinds> KindsAsync(UserSession session, CancellationToken ct = default)
    {
        var client = pool.Get(session.Cluster.Name, session.Identity);
        var key = (session.Cluster.Name, session.Identity);
        if (!_discovered.TryGetValue(key, out var at) || time.GetUtcNow() - at > Freshness)
        {
            try
            {
                await client.DiscoverAsync(ct).ConfigureAwait(false);
                _discovered[key] = time.GetUtcNow();
            }
            catch (Exception e) when (e is Kubernetes.Client.KubeApiException or Kubernetes.Client.KubeConnectionException)
            {
                // Discovery is a nicety (CRDs): without it the built-in kinds still work.
            }
        }
        return client.Kinds;
    }

    /// <summary>Resolves a URL's kind segment (<c>pods</c>, <c>deployments.apps</c>, a short name...).</summary>
    public async Task<ResourceKind?> ResolveAsync(UserSession session, string segment, CancellationToken ct = default)
    {
        var kinds = await KindsAsync(session, ct).ConfigureAwait(false);
        return kinds.All.FirstOrDefault(k => k.QualifiedName == segment) ?? kinds.Resolve(segment);
    }

    /// <summary>The navigation areas: the built-in ones and one for custom resources.</summary>
    public async Task<IReadOnlyList<NavArea>> AreasAsync(UserSession session, CancellationToken ct = default)
    {
        var kinds = await KindsAsync(session, ct).ConfigureAwait(false);
        var custom = kinds.All.Where(k => k.IsCustom && k.CanWatch).OrderBy(k => k.Kind, StringComparer.Ordinal).ToList();
        return custom.Count == 0 ? NavCatalog.Areas : [.. NavCatalog.Areas, new NavArea("Nav_CustomResources", "extension", custom)];
    }

    /// <summary>An area's title.</summary>
    public string AreaTitle(NavArea area, IStringLocalizer<Strings> l) => l[area.TitleKey];

    /// <summary>A kind's plural title: translated for built-ins, the kind's own name for custom resources.</summary>
    public string Title(ResourceKind kind, IStringLocalizer<Strings> l)
    {
        var s = l[NavCatalog.TitleKey(kind)];
        return s.ResourceNotFound ? kind.Kind : s.Value;
    }
}
