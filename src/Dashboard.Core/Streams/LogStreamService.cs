using System.Globalization;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Streams;

/// <summary>
/// Opens log sessions with the signed-in user's own credential: one pod (one container or all of them), or every pod a
/// workload selects, merged, with pods joining and leaving as the cluster changes (through the shared cache, so the
/// pods page and the merged logs of the same workload cost the API server one watch).
/// </summary>
public sealed class LogStreamService(KubeClientPool clients, ClusterCache cache)
{
    /// <summary>The logs of one pod. Failures (forbidden, not found, waiting...) arrive as status lines.</summary>
    /// <exception cref="ArgumentException">The request is invalid (the message says why, localized).</exception>
    public LogSession OpenPod(string cluster, string identity, string ns, string pod, LogRequest request)
    {
        Check(request);
        var client = clients.Get(cluster, identity);
        var session = new LogSession(client, request, $"pod/{pod}", merged: false, endWithSources: true,
            (s, ct) => FollowPodAsync(client, s, ns, pod, request.Follow && !request.Previous, ct));
        session.Start();
        return session;
    }

    /// <summary>The merged logs of every pod a workload selects (its <c>spec.selector</c>), each line prefixed by pod and container.</summary>
    /// <exception cref="ArgumentException">The request is invalid, or the workload selects no pods by labels.</exception>
    public LogSession OpenWorkload(string cluster, string identity, KubeObject workload, LogRequest request)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var selector = PodSelectors.ToQuery(workload.Spec?["selector"]);
        if (string.IsNullOrEmpty(selector))
            throw new ArgumentException(string.Format(CultureInfo.CurrentUICulture, StreamStrings.Get("Logs_NoSelector", CultureInfo.CurrentUICulture),
                $"{workload.Kind.ToLowerInvariant()}/{workload.Name}"), nameof(workload));
        return OpenSelector(cluster, identity, workload.Namespace ?? "", selector, request, $"{workload.Kind.ToLowerInvariant()}/{workload.Name}");
    }

    /// <summary>The merged logs of the pods matching a label selector in a namespace (<c>kubectl logs -l</c>, kept live).</summary>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    public LogSession OpenSelector(string cluster, string identity, string ns, string selector, LogRequest request, string? title = null)
    {
        Check(request);
        var client = clients.Get(cluster, identity);
        var follow = request.Follow && !request.Previous;
        var key = new InformerKey(cluster, identity, Pod.Resource, ns, selector);
        var session = new LogSession(client, request, title ?? selector, merged: true, endWithSources: !follow,
            (s, ct) => FollowSelectorAsync(s, key, follow, ct));
        session.Start();
        return session;
    }

    private static void Check(LogRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate() is { } problem) throw new ArgumentException(problem, nameof(request));
    }

    private async Task FollowSelectorAsync(LogSession session, InformerKey key, bool follow, CancellationToken ct)
    {
        var subscription = await cache.SubscribeAsync(key, ct).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            var state = subscription.Status.State;
            if (!subscription.Status.HasData) Report(session, subscription.Status);
            foreach (var pod in subscription.Snapshot) session.Upsert(pod, joinedLater: false);
            session.InitialDone();
            if (!follow) return;
            await foreach (var batch in subscription.Changes(ct).ConfigureAwait(false))
            {
                if (batch.Status.State != state)
                {
                    state = batch.Status.State;
                    Report(session, batch.Status);
                }
                foreach (var change in batch.Changes)
                {
                    if (change.Type == ChangeType.Deleted) session.Remove(change.Uid);
                    else session.Upsert(change.Object, joinedLater: true);
                }
            }
        }
    }

    private static void Report(LogSession session, InformerStatus status)
    {
        var kind = status.State switch
        {
            InformerState.Forbidden => LogStatus.Forbidden,
            InformerState.Unauthorized => LogStatus.Unauthorized,
            InformerState.Reconnecting => LogStatus.Reconnecting,
            _ => LogStatus.None,
        };
        if (kind != LogStatus.None) session.Emit(LogLine.ForStatus(null, kind, status.Error));
    }

    /// <summary>One pod: read it, then watch it by name so the streams learn when containers start, stop and restart.</summary>
    private static async Task FollowPodAsync(KubeApiClient client, LogSession session, string ns, string name, bool follow, CancellationToken ct)
    {
        var podSource = new LogSource(ns, name, null);
        var pod = await GetAsync(client, session, podSource, ns, name, ct).ConfigureAwait(false);
        if (pod is null)
        {
            session.InitialDone();
            return;
        }
        session.Upsert(pod, joinedLater: false);
        session.InitialDone();
        if (!follow) return;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var options = new WatchOptions { FieldSelector = "metadata.name=" + name, ResourceVersion = pod.ResourceVersion };
            try
            {
                await foreach (var e in client.WatchAsync(Pod.Resource, ns, options, ct).ConfigureAwait(false))
                {
                    failures = 0;
                    if (e.Type is WatchEventType.Expired or WatchEventType.Error) break;
                    if (e.Object is null) continue;
                    if (e.Type == WatchEventType.Deleted) session.Remove(e.Object.Uid);
                    else
                    {
                        if (e.Object.Uid != pod.Uid) session.Remove(pod.Uid);
                        session.Upsert(e.Object, joinedLater: e.Object.Uid != pod.Uid);
                        pod = e.Object;
                    }
                }
            }
            catch (KubeApiException e) when (e.IsForbidden || e.IsUnauthorized)
            {
                // May read logs but not watch the pod: the streams go on with what they know.
                session.Emit(LogLine.ForStatus(podSource, e.IsForbidden ? LogStatus.Forbidden : LogStatus.Unauthorized, e.Message));
                return;
            }
            catch (KubeConnectionException) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * Math.Pow(2, ++failures))), ct).ConfigureAwait(false);
            }
            if (ct.IsCancellationRequested) return;
            // The watch ended or expired: read the pod again (it may be gone, or replaced by one of the same name).
            var now = await GetAsync(client, session, podSource, ns, name, ct).ConfigureAwait(false);
            if (now is null || now.Uid != pod.Uid) session.Remove(pod.Uid);
            if (now is null) return;
            session.Upsert(now, joinedLater: now.Uid != pod.Uid);
            pod = now;
        }
    }

    private static async Task<KubeObject?> GetAsync(KubeApiClient client, LogSession session, LogSource source, string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.GetAsync(Pod.Resource, ns, name, ct).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            var kind = e.IsForbidden ? LogStatus.Forbidden : e.IsUnauthorized ? LogStatus.Unauthorized : e.IsNotFound ? LogStatus.NotFound : LogStatus.Failed;
            session.Emit(LogLine.ForStatus(source, kind, e.Message));
            return null;
        }
        catch (KubeConnectionException e)
        {
            session.Emit(LogLine.ForStatus(source, LogStatus.Failed, e.Message));
            return null;
        }
    }
}
