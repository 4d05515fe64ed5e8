using Dashboard.Core.Caching;
using Dashboard.Core.Subscriptions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>What a page does with a subscription: apply the snapshot, then apply every batch.</summary>
internal sealed class LiveView : IAsyncDisposable
{
    private readonly Dictionary<string, KubeObject> _objects = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public LiveView(Subscription subscription)
    {
        Subscription = subscription;
        lock (_objects)
            foreach (var o in subscription.Snapshot) _objects[o.Uid] = o;
        _pump = Task.Run(async () =>
        {
            await foreach (var batch in subscription.Changes(_stop.Token))
            {
                Batches.Add((DateTime.UtcNow, batch));
                lock (_objects)
                {
                    foreach (var c in batch.Changes)
                    {
                        if (c.Type == ChangeType.Deleted) _objects.Remove(c.Uid);
                        else _objects[c.Uid] = c.Object;
                    }
                }
            }
        });
    }

    public Subscription Subscription { get; }
    public List<(DateTime At, ChangeBatch Batch)> Batches { get; } = [];

    public Dictionary<string, string> Names()
    {
        lock (_objects) return _objects.Values.ToDictionary(o => o.Uid, o => o.Name + "@" + o.ResourceVersion);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _pump; } catch (OperationCanceledException) { }
        await Subscription.DisposeAsync();
        _stop.Dispose();
    }
}
