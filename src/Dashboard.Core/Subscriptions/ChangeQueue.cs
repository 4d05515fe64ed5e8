using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Core.Caching;

namespace Dashboard.Core.Subscriptions;

/// <summary>
/// One subscriber's pending changes. The producer (the informer) only ever adds and never waits: changes to the same
/// object are coalesced by uid, so a slow or stuck reader holds at most one entry per object, however fast the cluster
/// changes. The reader takes everything pending in batches at least <c>minInterval</c> apart.
/// </summary>
internal sealed class ChangeQueue
{
    private readonly object _gate = new();
    private readonly OrderedDictionary<string, CacheChange> _pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private InformerStatus _status;
    private bool _statusChanged;
    private bool _completed;

    public ChangeQueue(InformerStatus status) => _status = status;

    /// <summary>Number of objects with pending changes (for tests and metrics).</summary>
    public int PendingCount { get { lock (_gate) return _pending.Count; } }

    public void Offer(CacheChange change)
    {
        lock (_gate)
        {
            if (_completed) return;
            if (_pending.TryGetValue(change.Uid, out var earlier))
            {
                var merged = Coalesce(earlier, change);
                if (merged is null) _pending.Remove(change.Uid);
                else _pending[change.Uid] = merged;
            }
            else _pending.Add(change.Uid, change);
        }
        _signal.Writer.TryWrite(true);
    }

    public void OfferStatus(InformerStatus status)
    {
        lock (_gate)
        {
            if (_completed) return;
            _status = status;
            _statusChanged = true;
        }
        _signal.Writer.TryWrite(true);
    }

    public void Complete()
    {
        lock (_gate) _completed = true;
        _signal.Writer.TryComplete();
    }

    /// <summary>Batches of everything pending, no more often than <paramref name="minInterval"/>.</summary>
    public async IAsyncEnumerable<ChangeBatch> ReadAllAsync(TimeSpan minInterval, TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = DateTimeOffset.MinValue;
        while (await _signal.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            _signal.Reader.TryRead(out _);
            var wait = last + minInterval - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct).ConfigureAwait(false);
            ChangeBatch batch;
            lock (_gate)
            {
                if (_pending.Count == 0 && !_statusChanged) continue;
                batch = new ChangeBatch([.. _pending.Values], _status);
                _pending.Clear();
                _statusChanged = false;
            }
            last = time.GetUtcNow();
            yield return batch;
        }
    }

    /// <summary>What a subscriber should see when <paramref name="later"/> follows an undelivered <paramref name="earlier"/>.</summary>
    internal static CacheChange? Coalesce(CacheChange earlier, CacheChange later) => (earlier.Type, later.Type) switch
    {
        (ChangeType.Added, ChangeType.Deleted) => null, // never seen, never gone
        (ChangeType.Added, _) => later with { Type = ChangeType.Added },
        (ChangeType.Deleted, ChangeType.Added or ChangeType.Modified) => later with { Type = ChangeType.Modified },
        _ => later,
    };
}
