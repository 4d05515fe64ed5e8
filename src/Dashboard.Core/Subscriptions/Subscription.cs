using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Subscriptions;

/// <summary>
/// A live view of one informer: the objects as they were at subscription and every change after, in batches.
/// The caller owns it and disposes it (in a <c>finally</c>, or with <c>await using</c>) to stop receiving.
/// </summary>
public sealed class Subscription : IAsyncDisposable
{
    private readonly ChangeQueue _queue;
    private Func<Subscription, ValueTask>? _release;
    private readonly CancellationTokenSource _disposed = new();
    private readonly InformerOptions _options;
    private int _released;

    internal Subscription(InformerKey key, IReadOnlyList<KubeObject> snapshot, InformerStatus status, ChangeQueue queue,
        InformerOptions options, Func<Subscription, ValueTask> release)
    {
        Key = key;
        Snapshot = snapshot;
        Status = status;
        _queue = queue;
        _options = options;
        _release = release;
    }

    /// <summary>What is watched.</summary>
    public InformerKey Key { get; }
    /// <summary>The objects at the moment of subscribing (empty once disposed, so a forgotten reference pins nothing).</summary>
    public IReadOnlyList<KubeObject> Snapshot { get; private set; }
    /// <summary>The informer's status at the moment of subscribing (later statuses travel with batches).</summary>
    public InformerStatus Status { get; }

    /// <summary>Changes since <see cref="Snapshot"/>, coalesced by uid, in batches; ends when disposed.</summary>
    public IAsyncEnumerable<ChangeBatch> Changes(CancellationToken ct = default)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
        return Read(linked);
    }

    private async IAsyncEnumerable<ChangeBatch> Read(CancellationTokenSource linked)
    {
        using (linked)
        {
            var e = _queue.ReadAllAsync(_options.BatchInterval, _options.Time, linked.Token).GetAsyncEnumerator(linked.Token);
            try
            {
                while (true)
                {
                    bool more;
                    try { more = await e.MoveNextAsync().ConfigureAwait(false); }
                    catch (OperationCanceledException) when (linked.IsCancellationRequested) { yield break; }
                    if (!more) yield break;
                    yield return e.Current;
                }
            }
            finally
            {
                await e.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    internal ChangeQueue Queue => _queue;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1) return;
        await _disposed.CancelAsync().ConfigureAwait(false);
        await _release!(this).ConfigureAwait(false);
        _release = null;
        Snapshot = [];
        _disposed.Dispose();
    }
}
