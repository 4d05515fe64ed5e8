using System.Net;
using Dashboard.Kubernetes.Client;

namespace Dashboard.Core.Streams;

/// <summary>
/// Reads one container's log for a session and keeps reading across what happens to it: waits (without polling) while
/// it has not started, follows it into its next run after a restart, resumes after a broken connection without
/// repeating lines, and turns every failure into a status line instead of ending the session.
/// </summary>
internal sealed class ContainerLogStream(KubeApiClient client, PodState pod, LogSource source, LogRequest request, bool joinedLater,
    Action<LogLine> emit, SemaphoreSlim streams)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Where to resume inside the current run: the last time delivered and how many lines carried exactly that time.</summary>
    private DateTimeOffset? _lastTime;
    private int _atLastTime;
    private bool _first = true;

    public async Task RunAsync(CancellationToken ct)
    {
        string? run = null, waiting = null;
        var runDone = false;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var (current, changed) = pod.Current;
            if (current is null) return;
            var state = ContainerStates.Of(current, source.Container!);
            if (state is null)
            {
                emit(LogLine.ForStatus(source, LogStatus.NotFound, source.Container));
                return;
            }
            if (request.Previous)
            {
                await ReadAsync(follow: false, previous: true, ct).ConfigureAwait(false);
                return;
            }
            // A container between runs (crash loop back-off) still has the last run's log: read it once, as kubectl does.
            var thisRun = state.Run ?? (run is null ? state.LastRun : null);
            if (thisRun is null)
            {
                if (state.WaitingReason != waiting)
                {
                    waiting = state.WaitingReason;
                    emit(LogLine.ForStatus(source, LogStatus.Waiting, Join(state.WaitingReason, state.WaitingMessage)));
                }
                if (!request.Follow || current.DeletionTimestamp is not null || current.GetString("status.phase") is "Succeeded" or "Failed") return;
                await changed.WaitAsync(ct).ConfigureAwait(false);
                continue;
            }
            if (thisRun != run)
            {
                if (run is not null) emit(LogLine.ForStatus(source, LogStatus.Restarted, count: state.RestartCount));
                run = thisRun;
                runDone = false;
                waiting = null;
                _lastTime = null;
                _atLastTime = 0;
            }
            if (runDone)
            {
                if (!request.Follow || !state.Running && !ContainerStates.WillRestart(current, state)) return;
                await changed.WaitAsync(ct).ConfigureAwait(false);
                continue;
            }

            var outcome = await ReadAsync(request.Follow && state.Running, previous: false, ct).ConfigureAwait(false);
            switch (outcome)
            {
                case Outcome.Final:
                    return;
                case Outcome.Waiting:
                    if (!request.Follow) return;
                    await changed.WaitAsync(ct).ConfigureAwait(false);
                    continue;
                case Outcome.Broken:
                    await Backoff(++failures, changed, ct).ConfigureAwait(false);
                    continue;
            }
            if (!request.Follow) return;
            // The stream ended: the run stopped, the pod went away, or the server closed it. The newest pod state decides.
            var (latest, next) = pod.Current;
            var now = latest is null ? null : ContainerStates.Of(latest, source.Container!);
            if (latest is not null && now is { Running: true } && now.Run == run)
            {
                // Still running as far as we know: either the server closed early or the watch has not told us yet.
                await Backoff(++failures, next, ct).ConfigureAwait(false);
                continue;
            }
            failures = 0;
            runDone = true;
            if (now is not null && now.Run == run && now.ExitCode is { } code)
                emit(LogLine.ForStatus(source, LogStatus.Terminated, now.ExitReason, code));
            else if (now is not null && now.LastRun == run && now.LastExitCode is { } lastCode)
                emit(LogLine.ForStatus(source, LogStatus.Terminated, now.LastExitReason, lastCode));
        }
    }

    private enum Outcome { Ended, Waiting, Broken, Final }

    private async Task<Outcome> ReadAsync(bool follow, bool previous, CancellationToken ct)
    {
        if (!await streams.WaitAsync(0, ct).ConfigureAwait(false))
        {
            emit(LogLine.ForStatus(source, LogStatus.Queued, count: request.MaxStreams));
            await streams.WaitAsync(ct).ConfigureAwait(false);
        }
        try
        {
            var options = Options(follow, previous);
            _first = false;
            var (resumeAt, skip) = (_lastTime, _atLastTime);
            await foreach (var raw in client.LogsAsync(source.Namespace, source.Pod, options, ct).ConfigureAwait(false))
            {
                var (time, text) = LogTimestamps.Split(raw);
                if (time is { } t && resumeAt is { } r)
                {
                    // A resumed read starts at the whole second of the last line seen: skip what was delivered already.
                    if (t < r) continue;
                    if (t == r && skip > 0)
                    {
                        skip--;
                        continue;
                    }
                }
                emit(new LogLine(source, time, text));
                if (time is { } seen)
                {
                    if (seen == _lastTime) _atLastTime++;
                    else (_lastTime, _atLastTime) = (seen, 1);
                }
            }
            return Outcome.Ended;
        }
        catch (KubeApiException e)
        {
            return Classify(e, previous);
        }
        catch (Exception e) when (e is KubeConnectionException or HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            emit(LogLine.ForStatus(source, LogStatus.Reconnecting, e.Message));
            return Outcome.Broken;
        }
        finally
        {
            streams.Release();
        }
    }

    private LogOptions Options(bool follow, bool previous)
    {
        var options = new LogOptions { Container = source.Container, Follow = follow, Previous = previous, Timestamps = true };
        if (_lastTime is { } resumeAt)
            return options with { SinceTime = new DateTimeOffset(resumeAt.Ticks - resumeAt.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero) };
        if (!_first || joinedLater) return options;
        return options with { TailLines = request.TailLines, SinceSeconds = request.SinceSeconds, SinceTime = request.SinceTime };
    }

    private Outcome Classify(KubeApiException e, bool previous)
    {
        var message = e.Message;
        switch (e.StatusCode)
        {
            case HttpStatusCode.Forbidden:
                emit(LogLine.ForStatus(source, LogStatus.Forbidden, message));
                return Outcome.Final;
            case HttpStatusCode.Unauthorized:
                emit(LogLine.ForStatus(source, LogStatus.Unauthorized, message));
                return Outcome.Final;
            case HttpStatusCode.NotFound:
                emit(LogLine.ForStatus(source, LogStatus.NotFound, message));
                return Outcome.Final;
            case HttpStatusCode.BadRequest when message.Contains("is waiting to start", StringComparison.Ordinal):
                emit(LogLine.ForStatus(source, LogStatus.Waiting, message));
                return Outcome.Waiting;
            case HttpStatusCode.BadRequest when previous && message.Contains("previous terminated container", StringComparison.Ordinal):
                emit(LogLine.ForStatus(source, LogStatus.NoPrevious, message));
                return Outcome.Final;
            case HttpStatusCode.BadRequest when message.Contains("is not valid for pod", StringComparison.Ordinal):
                emit(LogLine.ForStatus(source, LogStatus.NotFound, message));
                return Outcome.Final;
            case >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests:
                emit(LogLine.ForStatus(source, LogStatus.Reconnecting, message));
                return Outcome.Broken;
            default:
                emit(LogLine.ForStatus(source, LogStatus.Failed, message));
                return Outcome.Final;
        }
    }

    private static async Task Backoff(int attempt, Task changed, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 10))));
        await Task.WhenAny(changed, Task.Delay(delay, ct)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    private static string? Join(string? reason, string? message) =>
        string.IsNullOrEmpty(message) ? reason : string.IsNullOrEmpty(reason) ? message : $"{reason}: {message}";
}
