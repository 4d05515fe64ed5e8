using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Streams;

/// <summary>
/// A live log view of one pod or of all pods of a workload: lines of every selected container, merged as they arrive,
/// and status lines for what happens to the sources (waiting, restarted, joined, left, forbidden...). The streams run on
/// their own and never wait for the reader; unread lines beyond <see cref="LogRequest.BufferLines"/> are dropped and
/// counted. The caller owns the session and disposes it, which closes every stream it opened.
/// </summary>
public sealed class LogSession : IAsyncDisposable
{
    private const int MaxBatch = 5_000;
    private static readonly TimeSpan DeletedGrace = TimeSpan.FromSeconds(10);
    private readonly object _gate = new();
    private readonly Dictionary<string, PodLogSource> _sources = new(StringComparer.Ordinal);
    private readonly LogBuffer _buffer;
    private readonly SemaphoreSlim _streams;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _initial = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KubeApiClient _client;
    private readonly Func<LogSession, CancellationToken, Task> _feed;
    private readonly bool _endWithSources;
    private Task _run = Task.CompletedTask;
    private int _disposed;

    internal LogSession(KubeApiClient client, LogRequest request, string title, bool merged, bool endWithSources, Func<LogSession, CancellationToken, Task> feed)
    {
        _client = client;
        Request = request;
        Title = title;
        Merged = merged;
        _endWithSources = endWithSources;
        _feed = feed;
        _buffer = new LogBuffer(request.BufferLines);
        _streams = new SemaphoreSlim(request.MaxStreams, request.MaxStreams);
    }

    /// <summary>What was asked for.</summary>
    public LogRequest Request { get; }
    /// <summary>What is shown: <c>pod/name</c> or <c>deployment/name</c>.</summary>
    public string Title { get; }
    /// <summary>True for a workload's merged logs (lines should show their pod prefix).</summary>
    public bool Merged { get; }
    /// <summary>Completes when the session has ended: disposed, or nothing more can come (the pod is gone, or a read without follow is done).</summary>
    public Task Completion => _run;
    /// <summary>Lines dropped because the reader fell behind.</summary>
    public long DroppedLines => _buffer.DroppedTotal;

    /// <summary>The containers being read now (pods joining and leaving change it).</summary>
    public IReadOnlyList<LogSource> Sources
    {
        get { lock (_gate) return _sources.Values.SelectMany(s => s.Containers).ToList(); }
    }

    /// <summary>Log streams open on the server right now.</summary>
    public int OpenStreams => Request.MaxStreams - _streams.CurrentCount;

    /// <summary>
    /// The lines in batches, oldest first, as they arrive; ends when the session ends. One reader per session.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<LogLine>> ReadAllAsync(CancellationToken ct = default) => _buffer.ReadAllAsync(MaxBatch, ct);

    internal void Start() => _run = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var feed = Task.Run(() => _feed(this, ct), CancellationToken.None);
        try
        {
            if (_endWithSources)
            {
                await Task.WhenAny(_initial.Task, feed).ConfigureAwait(false);
                while (!ct.IsCancellationRequested)
                {
                    Task[] running;
                    lock (_gate) running = _sources.Values.Select(s => s.Completion).ToArray();
                    if (running.Length == 0) break;
                    await Task.WhenAny(Task.WhenAll(running), Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
                    lock (_gate) if (_sources.Values.All(s => s.Completion.IsCompleted)) break;
                }
                await _stop.CancelAsync().ConfigureAwait(false);
            }
            await Swallow(feed).ConfigureAwait(false);
        }
        finally
        {
            List<PodLogSource> left;
            lock (_gate)
            {
                left = [.. _sources.Values];
                _sources.Clear();
            }
            foreach (var s in left) await s.StopAsync().ConfigureAwait(false);
            _buffer.Complete();
        }
    }

    private async Task Swallow(Task feed)
    {
        try { await feed.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
#pragma warning disable CA1031 // A broken feed is reported as a line; the streams already open go on until the session ends.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Emit(LogLine.ForStatus(null, LogStatus.Failed, e.Message));
            try { await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    internal void Emit(LogLine line) => _buffer.Write(line);

    /// <summary>The feed has delivered the pods that exist now.</summary>
    internal void InitialDone() => _initial.TrySetResult();

    /// <summary>A pod appeared or changed.</summary>
    internal void Upsert(KubeObject pod, bool joinedLater)
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            if (_sources.TryGetValue(pod.Uid, out var known))
            {
                known.State.Update(pod);
                return;
            }
            var source = new PodLogSource(_client, pod, Request, joinedLater, Emit, _streams, _stop.Token);
            _sources[pod.Uid] = source;
            if (joinedLater) Emit(LogLine.ForStatus(source.Source, LogStatus.Joined));
            _ = source.Completion.ContinueWith(_ => Ended(source), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>A pod went away: its streams get a moment for their last lines, then stop.</summary>
    internal void Remove(string uid)
    {
        PodLogSource? source;
        lock (_gate) _sources.TryGetValue(uid, out source);
        if (source is null) return;
        source.State.Delete();
        if (source.Completion.IsCompleted) Ended(source); // its containers had stopped already (a terminating pod)
        else source.StopAfter(DeletedGrace);
    }

    private void Ended(PodLogSource source)
    {
        bool deleted;
        lock (_gate)
        {
            deleted = source.State.Current.Pod is null && _sources.TryGetValue(source.Uid, out var known) && known == source && _sources.Remove(source.Uid);
        }
        if (deleted && !_stop.IsCancellationRequested) Emit(LogLine.ForStatus(source.Source, LogStatus.Left));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _stop.Dispose();
        _streams.Dispose();
    }
}
