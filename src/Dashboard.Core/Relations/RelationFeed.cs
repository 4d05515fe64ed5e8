using Dashboard.Core.Caching;
using Dashboard.Core.Subscriptions;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

/// <summary>
/// Keeps a <see cref="RelationIndex"/> live from cache subscriptions: one per scope, each snapshot loaded and each
/// change batch applied as it comes. A scope the identity may not list (or that failed) stays
/// <see cref="TargetState.Unknown"/> rather than reporting every reference into it as missing, and never stops the
/// others. The caller owns the feed and disposes it.
/// </summary>
public sealed class RelationFeed : IAsyncDisposable
{
    private readonly List<Subscription> _subscriptions = [];
    private readonly List<Task> _pumps = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<RelationScope, InformerStatus> _statuses = [];
    private int _disposed;

    private RelationFeed(RelationIndex index) => Index = index;

    /// <summary>
    /// The kinds relations are read from: workloads and their pods, what selects and routes to pods, storage, config and
    /// nodes. A caller may watch fewer (what is unwatched is unknown, never missing).
    /// </summary>
    public static IReadOnlyList<ResourceKind> Kinds { get; } =
    [
        Pod.Resource, ReplicaSet.Resource, Deployment.Resource, StatefulSet.Resource, DaemonSet.Resource, Job.Resource,
        CronJob.Resource, ControllerRevision.Resource, ReplicationController.Resource, Service.Resource, Ingress.Resource,
        IngressClass.Resource, PersistentVolumeClaim.Resource, PersistentVolume.Resource, StorageClass.Resource,
        ConfigMap.Resource, Secret.Resource, ServiceAccount.Resource, Node.Resource, HorizontalPodAutoscaler.Resource,
        PodDisruptionBudget.Resource, NetworkPolicy.Resource,
    ];

    /// <summary>The index the feed keeps current.</summary>
    public RelationIndex Index { get; }

    /// <summary>The latest status of each scope, so that a view can say what it could not read.</summary>
    public IReadOnlyDictionary<RelationScope, InformerStatus> Statuses { get { lock (_statuses) return new Dictionary<RelationScope, InformerStatus>(_statuses); } }

    /// <summary>Raised when a scope's status changes (off the caller's thread).</summary>
    public event Action? StatusChanged;

    /// <summary>Subscribes to every relation kind for one namespace (or all, when <paramref name="ns"/> is null); cluster-scoped kinds whole.</summary>
    public static Task<RelationFeed> StartAsync(ClusterCache cache, string cluster, string identity, string? ns, CancellationToken ct = default) =>
        StartAsync(cache, cluster, identity, Kinds.Select(k => new RelationScope(k, k.Namespaced ? ns : null)), null, ct);

    /// <summary>Subscribes to the given scopes, all at once, and waits for their first listings (or their failures).</summary>
    public static async Task<RelationFeed> StartAsync(ClusterCache cache, string cluster, string identity, IEnumerable<RelationScope> scopes,
        RelationIndex? index = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(scopes);
        var feed = new RelationFeed(index ?? new RelationIndex());
        try
        {
            var list = scopes.Distinct().ToList();
            var subscriptions = await Task.WhenAll(list.Select(s => feed.SubscribeAsync(cache, cluster, identity, s, ct))).ConfigureAwait(false);
            for (var i = 0; i < list.Count; i++)
                if (subscriptions[i] is { } subscription) feed.Attach(list[i], subscription);
            return feed;
        }
        catch
        {
            await feed.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<Subscription?> SubscribeAsync(ClusterCache cache, string cluster, string identity, RelationScope scope, CancellationToken ct)
    {
        var key = new InformerKey(cluster, identity, scope.Kind, scope.Kind.Namespaced ? scope.Namespace : null, null, scope.FieldSelector);
        try
        {
            return await cache.SubscribeAsync(key, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubeApiException or KubeConnectionException or InvalidOperationException)
        {
            Track(scope, new InformerStatus(InformerState.Stopped, e.Message, DateTimeOffset.UtcNow));
            return null;
        }
    }

    private void Attach(RelationScope scope, Subscription s)
    {
        _subscriptions.Add(s);
        var ns = s.Key.Namespace;
        if (scope.FieldSelector is null) Index.Load(scope.Kind, ns, s.Snapshot);
        else foreach (var o in s.Snapshot) Index.Upsert(o, scope.Kind);
        Track(scope, s.Status);
        _pumps.Add(Task.Run(async () =>
        {
            await foreach (var batch in s.Changes(_stop.Token).ConfigureAwait(false))
            {
                Index.Apply(batch.Changes, scope.Kind);
                Track(scope, batch.Status);
            }
        }));
    }

    /// <summary>Only a complete listing that succeeded makes absences meaningful.</summary>
    private void Track(RelationScope scope, InformerStatus status)
    {
        bool changed;
        lock (_statuses)
        {
            changed = !_statuses.TryGetValue(scope, out var old) || old.State != status.State;
            _statuses[scope] = status;
        }
        Index.SetLoaded(scope.Kind, scope.Kind.Namespaced ? scope.Namespace : null, status.HasData && scope.FieldSelector is null);
        if (changed) StatusChanged?.Invoke();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_pumps).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        foreach (var s in _subscriptions) await s.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
