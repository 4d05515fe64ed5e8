using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Streams;

/// <summary>The log streams of one pod in a session: one per selected container, all fed by the same pod state.</summary>
internal sealed class PodLogSource
{
    private readonly CancellationTokenSource _stop;
    private readonly List<Task> _streams = [];

    public PodLogSource(KubeApiClient client, KubeObject pod, LogRequest request, bool joinedLater, Action<LogLine> emit,
        SemaphoreSlim streams, CancellationToken sessionEnd)
    {
        Uid = pod.Uid;
        Source = new LogSource(pod.Namespace ?? "", pod.Name, null);
        State = new PodState(pod);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(sessionEnd);
        var containers = request.Container is { } only ? [only] : ContainerStates.Names(pod).Select(c => c.Name).ToList();
        Containers = containers.Select(c => new LogSource(Source.Namespace, Source.Pod, c)).ToList();
        foreach (var source in Containers)
        {
            var stream = new ContainerLogStream(client, State, source, request, joinedLater, emit, streams);
            _streams.Add(Task.Run(() => Guard(stream.RunAsync(_stop.Token), source, emit), CancellationToken.None));
        }
        Completion = Task.WhenAll(_streams);
    }

    public string Uid { get; }
    public LogSource Source { get; }
    public PodState State { get; }
    public IReadOnlyList<LogSource> Containers { get; }

    /// <summary>Completes when every container stream has ended (never faults).</summary>
    public Task Completion { get; }

    /// <summary>Stops the streams (disposing their HTTP responses, so the server's streams end too) and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Stops the streams after a while unless they ended by themselves (a deleted pod's last lines still arrive).</summary>
    public void StopAfter(TimeSpan grace)
    {
        try { _stop.CancelAfter(grace); }
        catch (ObjectDisposedException) { }
    }

    private static async Task Guard(Task stream, LogSource source, Action<LogLine> emit)
    {
        try { await stream.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
#pragma warning disable CA1031 // One container's unexpected failure becomes its status line; the other streams go on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            emit(LogLine.ForStatus(source, LogStatus.Failed, e.Message));
        }
    }
}
