using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;
using Dashboard.Kubernetes.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>
/// GET pods/{name}/log: the generated log of a container run, with container/previous/timestamps/tailLines/
/// sinceSeconds/sinceTime/limitBytes, and follow, which streams each new line when its time comes (one timer per
/// stream) and ends when the pod's status says the run stopped or the pod is gone (a watch, not polling).
/// </summary>
internal sealed class PodLogHandler(EmulatorContext context)
{
    public async Task HandleAsync(ApiRequest request)
    {
        var method = request.Http.Request.Method;
        if (!HttpMethods.IsGet(method)) throw ApiException.MethodNotSupported("pods/log", method);
        var pods = request.Info.Type!;
        var ns = request.Info.Namespace;
        var pod = context.Api.TryGet(pods, ns, request.Info.Name) ?? throw ApiException.NotFound(pods, request.Info.Name);
        var now = context.Clock.GetUtcNow();
        var options = LogOptions.Parse(request, now);
        var container = PodContainers.Resolve(pod, options.Container);
        var response = request.Http.Response;
        if (string.IsNullOrEmpty(pod.Str("spec.nodeName")))
        {
            // A pod no kubelet owns yet has no log; the real API server answers with an empty body.
            response.StatusCode = 200;
            response.ContentType = "text/plain";
            return;
        }
        var run = ContainerRuns.Select(pod, container, options.Previous, now);

        response.StatusCode = 200;
        response.ContentType = "text/plain";
        await response.StartAsync(request.Aborted).ConfigureAwait(false);
        var writer = new LogWriter(response, options.Timestamps, options.LimitBytes);
        var ct = request.Aborted;
        IEnumerable<(DateTimeOffset Time, string Text)> lines = run.Lines(now);
        if (options.TailLines is { } tail) lines = TakeLast(lines, tail);
        if (options.Since is { } since) lines = lines.Where(l => l.Time >= since);
        foreach (var (time, text) in lines)
            if (!await writer.WriteAsync(time, text, ct).ConfigureAwait(false)) break;
        await writer.FlushAsync(ct).ConfigureAwait(false);

        if (options.Follow && run.Exit is null && !writer.Full)
            await FollowAsync(request, pod, container, run, run.LastIndexAt(now), writer).ConfigureAwait(false);
    }

    private async Task FollowAsync(ApiRequest request, JsonObject pod, PodContainer container, ContainerRun run, long last, LogWriter writer)
    {
        var pods = request.Info.Type!;
        var name = pod.Name();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        var ct = stop.Token;
        var ended = new TaskCompletionSource<ContainerExit?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = context.Store.Watch(pods, pod.Namespace(), context.Store.CurrentResourceVersion, o => o.Name == name);
        // The pod may have changed between the read above and the watch: judge its current state once.
        var current = context.Store.Get(pods, pod.Namespace(), name);
        if (current is null || current.Uid != pod.Uid()) ended.TrySetResult(null);
        else Judge(current, container.Name, run, ended);
        var pump = PumpAsync(subscription, container.Name, run, ended, ct);
        try
        {
            if (run.Silent)
            {
                // Nothing will be written until the process ends: wait for that (or for the client to leave).
                await Task.WhenAny(ended.Task, Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
                if (ended.Task.IsCompleted) await FinishAsync(run, last, await ended.Task.ConfigureAwait(false), writer, ct).ConfigureAwait(false);
                return;
            }
            while (!ct.IsCancellationRequested)
            {
                var next = run.TimeOf(last + 1);
                var wait = next - context.Clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    var delay = Task.Delay(wait, ct);
                    if (await Task.WhenAny(delay, ended.Task).ConfigureAwait(false) == ended.Task)
                    {
                        await FinishAsync(run, last, await ended.Task.ConfigureAwait(false), writer, ct).ConfigureAwait(false);
                        return;
                    }
                    if (delay.IsCanceled) return;
                }
                else if (ended.Task.IsCompleted && ended.Task.Result is { } exit && next > exit.FinishedAt)
                {
                    await FinishAsync(run, last, exit, writer, ct).ConfigureAwait(false);
                    return;
                }
                else if (run.LastIndexAt(context.Clock.GetUtcNow()) - last > ContainerRun.RetainedLines)
                {
                    // Emulated time jumped far ahead: older lines were rotated away, as they would have been.
                    last = run.LastIndexAt(context.Clock.GetUtcNow()) - ContainerRun.RetainedLines;
                    continue;
                }
                last++;
                var more = await writer.WriteAsync(next, run.LineAt(last), ct).ConfigureAwait(false);
                await writer.FlushAsync(ct).ConfigureAwait(false);
                if (!more) return;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await pump.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    private static async Task FinishAsync(ContainerRun run, long last, ContainerExit? exit, LogWriter writer, CancellationToken ct)
    {
        if (exit is null) return;
        var end = run.LastIndexAt(exit.FinishedAt);
        for (var i = last + 1; i <= end; i++)
            if (!await writer.WriteAsync(run.TimeOf(i), run.LineAt(i), ct).ConfigureAwait(false)) return;
        var ended = new ContainerRun(run.Subject, run.StartedAt, exit);
        if (ended.FinalLine() is { } final) await writer.WriteAsync(exit.FinishedAt, final, ct).ConfigureAwait(false);
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task PumpAsync(WatchSubscription subscription, string container, ContainerRun run, TaskCompletionSource<ContainerExit?> ended, CancellationToken ct)
    {
        await foreach (var e in subscription.Events.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (e.Type == WatchEventType.Deleted)
            {
                ended.TrySetResult(null);
                return;
            }
            if (Judge(e.Object, container, run, ended)) return;
        }
    }

    /// <summary>Ends the follow when the run is no longer running; true when it did.</summary>
    private bool Judge(StoredObject stored, string container, ContainerRun run, TaskCompletionSource<ContainerExit?> ended)
    {
        var pod = stored.ToJson();
        var status = PodContainers.All(pod).FirstOrDefault(c => c.Name == container)?.Status;
        if (ContainerRuns.StillRunning(status, run.StartedAt)) return false;
        ended.TrySetResult(ContainerRuns.ExitOf(status, run.StartedAt, context.Clock.GetUtcNow()));
        return true;
    }

    private static IEnumerable<T> TakeLast<T>(IEnumerable<T> items, long count)
    {
        if (count <= 0) return [];
        var queue = new Queue<T>();
        foreach (var item in items)
        {
            queue.Enqueue(item);
            if (queue.Count > count) queue.Dequeue();
        }
        return queue;
    }
}
