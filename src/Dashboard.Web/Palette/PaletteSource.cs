using Dashboard.Core.Access;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Live;
using Dashboard.Web.Session;

namespace Dashboard.Web.Palette;

/// <summary>
/// The objects the palette searches: live subscriptions of the common kinds the user may list, in the selected
/// namespaces. They exist only while the palette is open; the cache shares their informers with open pages, so
/// opening the palette on a list page costs nothing for that kind.
/// </summary>
internal sealed class PaletteSource : IAsyncDisposable
{
    /// <summary>The kinds searched by name (the ones people jump to).</summary>
    public static IReadOnlyList<ResourceKind> SearchedKinds { get; } =
    [
        Pod.Resource, Deployment.Resource, StatefulSet.Resource, DaemonSet.Resource, Job.Resource, CronJob.Resource,
        Service.Resource, Ingress.Resource, ConfigMap.Resource, PersistentVolumeClaim.Resource, Node.Resource, Namespace.Resource,
    ];

    // Started on the circuit but continued on pool threads, while the palette may search or close at any moment (Enter
    // before every kind has subscribed): the list is guarded, and a set started after Dispose is disposed at once.
    private readonly object _gate = new();
    private readonly List<(ResourceKind Kind, LiveResourceSet Set)> _sets = [];
    private bool _disposed;

    /// <summary>Raised (off the UI thread) when any searched set changed.</summary>
    public event Action? Changed;

    /// <summary>Subscribes to every searched kind the user may list in the selected namespaces (empty: all).</summary>
    public async Task StartAsync(ClusterCache cache, PermissionService permissions, UserSession session, IReadOnlyList<string> namespaces, CancellationToken ct = default)
    {
        var scopes = namespaces.Count > 0 ? namespaces.Cast<string?>().ToList() : [null];
        var wanted = SearchedKinds
            .SelectMany(k => (k.Namespaced ? scopes : [null]).Select(ns => (Kind: k, Query: new AccessQuery("list", k.Group, k.Plural, ns))))
            .ToList();
        var answers = await permissions.CanAllAsync(session.Cluster.Name, session.Identity, wanted.Select(w => w.Query), ct).ConfigureAwait(false);
        foreach (var group in wanted.Where(w => answers.TryGetValue(w.Query, out var a) && a.Allowed).GroupBy(w => w.Kind))
        {
            var set = new LiveResourceSet();
            set.Changed += () => Changed?.Invoke();
            bool added;
            lock (_gate)
            {
                added = !_disposed;
                if (added) _sets.Add((group.Key, set));
            }
            if (!added) { await set.DisposeAsync().ConfigureAwait(false); return; } // closed before this kind subscribed
            await set.StartAsync(cache, group.Select(w => session.Key(w.Kind, w.Query.Namespace)), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every object currently known, with its kind.</summary>
    public IEnumerable<PaletteObject> Objects()
    {
        List<(ResourceKind Kind, LiveResourceSet Set)> sets;
        lock (_gate) sets = [.. _sets];
        return sets.SelectMany(s => s.Set.Items.Select(o => new PaletteObject(s.Kind, o)));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<(ResourceKind Kind, LiveResourceSet Set)> sets;
        lock (_gate)
        {
            _disposed = true;
            sets = [.. _sets];
            _sets.Clear();
        }
        foreach (var (_, set) in sets) await set.DisposeAsync().ConfigureAwait(false);
    }
}
