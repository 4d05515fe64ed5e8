using Dashboard.Core.Caching;
using Dashboard.Core.Subscriptions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

/// <summary>
/// Keeps a <see cref="RelationIndex"/> live from cache subscriptions: one per kind and scope, each snapshot loaded and
/// each change batch applied as it comes. A kind the identity may not list stays <see cref="TargetState.Unknown"/>
/// rather than reporting every reference to it as missing. The caller owns the feed and disposes it.
/// </summary>
public sealed class RelationFeed : IAsyncDisposable
{
    private readonly List<Subscription> _subscriptions = [];
    private readonly List<Task> _pumps = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<InformerKey, InformerStatus> _statuses = [];
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

    /// <summary>The status of each subscription (the latest one seen), so that a view can say what it could not read.</summary>
    public IReadOnlyDictionary<InformerKey, InformerStatus> Statuses { get { lock (_statuses) return new Dictionary<InformerKey, InformerStatus>(_statuses); } }

    /// <summary>
    /// Subscribes to <paramref name="kinds"/> (default <see cref="Kinds"/>) for one namespace, or all namespaces when
    /// <paramref name="ns"/> is null; cluster-scoped kinds are always watched whole.
    /// </summary>
    public static async Task<RelationFeed> StartAsync(ClusterCache cache, string cluster, string identity, string? ns,
        IEnumerable<ResourceKind>? kinds = null, RelationIndex? index = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var feed = new RelationFeed(index ?? new RelationIndex());
        try
        {
            var keys = (kinds ?? Kinds).Distinct().Select(k => new InformerKey(cluster, identity, k, k.Namespaced ? ns : null)).ToList();
            var subscriptions = await Task.WhenAll(keys.Select(k => cache.SubscribeAsync(k, ct))).ConfigureAwait(false);
            foreach (var s in subscriptions) feed.Attach(s);
            return feed;
        }
        catch
        {
            await feed.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Attach(Subscription s)
    {
        _subscriptions.Add(s);
        var kind = s.Key.Kind;
        var ns = s.Key.Namespace;
        Index.Load(kind, ns, s.Snapshot);
        Track(s.Key, s.Status);
        _pumps.Add(Task.Run(async () =>
        {
            await foreach (var batch in s.Changes(_stop.Token).ConfigureAwait(false))
            {
                Index.Apply(batch.Changes, kind);
                Track(s.Key, batch.Status);
            }
        }));
    }

    /// <summary>Only a listing that succeeded makes absences meaningful.</summary>
    private void Track(InformerKey key, InformerStatus status)
    {
        lock (_statuses) _statuses[key] = status;
        Index.SetLoaded(key.Kind, key.Namespace, status.HasData);
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
