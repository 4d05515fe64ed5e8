using System.Threading.Channels;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Kubernetes.Emulator.Controllers;

/// <summary>
/// The shape of a Kubernetes controller: watch some resources, turn each change into a key (<c>namespace/name</c> of
/// the object to reconcile), de-duplicate keys in a queue, reconcile one at a time, and requeue on failure or on request.
/// </summary>
public abstract class ReconcilingController : IController
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = [];
    private readonly object _gate = new();

    /// <summary>Creates the controller.</summary>
    protected ReconcilingController(EmulatorContext context)
    {
        Context = context;
        Logger = context.LoggerFactory.CreateLogger(GetType().FullName ?? GetType().Name);
    }

    /// <summary>The emulator.</summary>
    protected EmulatorContext Context { get; }
    /// <summary>Logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>The resources whose changes are mapped to keys by <see cref="KeysFor"/>.</summary>
    protected abstract IEnumerable<ResourceType> Watched { get; }

    /// <summary>Keys to reconcile because of a change (by default the changed object's own key).</summary>
    protected virtual IEnumerable<string> KeysFor(StoredEvent change) => [change.Object.Key];

    /// <summary>Brings the world in line with the object named by <paramref name="key"/>.</summary>
    protected abstract Task ReconcileAsync(string key, CancellationToken cancellationToken);

    /// <summary>Optional period after which every object of the first watched resource is reconciled again.</summary>
    protected virtual TimeSpan? ResyncPeriod => null;

    /// <summary>Queues a key (ignored when already queued).</summary>
    public void Enqueue(string key)
    {
        lock (_gate)
            if (!_queued.Add(key)) return;
        _queue.Writer.TryWrite(key);
    }

    /// <summary>Queues a key after a delay (for timed transitions).</summary>
    protected void EnqueueAfter(string key, TimeSpan delay, CancellationToken cancellationToken) =>
        _ = Task.Delay(delay, cancellationToken).ContinueWith(_ => Enqueue(key), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watches = Watched.Select(rt => Context.Store.Watch(rt, null, null)).ToList();
        try
        {
            var pumps = watches.Select(w => PumpAsync(w, cancellationToken)).ToList();
            if (ResyncPeriod is { } period) pumps.Add(ResyncAsync(period, cancellationToken));
            pumps.Add(WorkAsync(cancellationToken));
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var w in watches) w.Dispose();
        }
    }

    private async Task PumpAsync(WatchSubscription watch, CancellationToken ct)
    {
        await foreach (var change in watch.Events.ReadAllAsync(ct).ConfigureAwait(false))
        {
            IEnumerable<string> keys;
            try { keys = KeysFor(change).ToList(); }
            catch (Exception e) when (e is ApiException or InvalidOperationException or KeyNotFoundException)
            {
                Logger.LogWarning(e, "mapping a change failed");
                continue;
            }
            foreach (var key in keys) Enqueue(key);
        }
    }

    private async Task ResyncAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var first = Watched.First();
            foreach (var obj in Context.Store.List(first, null).Items) Enqueue(obj.Key);
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var key in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            lock (_gate) _queued.Remove(key);
            try
            {
                await ReconcileAsync(key, ct).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code is 409 or 404)
            {
                // Someone wrote in between (or the object went away): try again with fresh state.
                EnqueueAfter(key, TimeSpan.FromMilliseconds(50), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A controller must survive any failure of one reconcile, like a real one does.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Logger.LogError(e, "reconcile of {Key} failed", key);
                EnqueueAfter(key, TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    /// <summary>Splits a key into namespace and name.</summary>
    protected static (string Namespace, string Name) Split(string key)
    {
        var i = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..i], key[(i + 1)..]);
    }
}
