using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Registry;
using Microsoft.Extensions.Logging;

namespace Dashboard.Kubernetes.Emulator.Scenarios.Large;

/// <summary>
/// Keeps the large cluster busy: on a 100 ms timer it makes <see cref="EmulatorOptions.ChurnPerSecond"/> changes per
/// second through the write pipeline, so watchers see realistic traffic: label and annotation edits, status updates
/// (a container restart, a readiness flap) and pod replacement (delete, then a new pod for the same ReplicaSet).
/// </summary>
internal sealed class LargeChurnController(EmulatorContext context, IReadOnlyList<LargeWorkload> workloads, List<LargePod> pods) : IController
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly Random _random = new(7);
    private readonly LargeClusterBuilder _builder = new(new Random(11));
    private readonly ILogger _logger = context.Logger<LargeChurnController>();
    private long _changes;

    public long Changes => Interlocked.Read(ref _changes);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var perTick = context.Options.ChurnPerSecond * Tick.TotalSeconds;
        var budget = 0.0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                budget += perTick;
                while (budget >= 1)
                {
                    budget--;
                    ChangeOne();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void ChangeOne()
    {
        var i = _random.Next(pods.Count);
        var target = pods[i];
        var podsType = context.Type("", "pods");
        try
        {
            var roll = _random.NextDouble();
            if (roll < 0.35) Relabel(podsType, target);
            else if (roll < 0.7) ChangeStatus(podsType, target);
            else pods[i] = Replace(podsType, target);
            Interlocked.Increment(ref _changes);
        }
        catch (ApiException e) when (e.Code is 404 or 409 or 422)
        {
            _logger.LogDebug("churn on {Pod} skipped: {Message}", target.Name, e.Message);
        }
    }

    private void Relabel(ResourceType podsType, LargePod target)
    {
        var pod = context.Api.Get(podsType, target.Namespace, target.Name);
        var n = Changes;
        pod.Obj("metadata.annotations")["churn.emulator.dev/generation"] = n.ToString(CultureInfo.InvariantCulture);
        pod.Obj("metadata.labels")["canary"] = (n & 1) == 0 ? "true" : "false";
        context.Api.Update(podsType, target.Namespace, target.Name, pod, UserInfo.System);
    }

    private void ChangeStatus(ResourceType podsType, LargePod target)
    {
        var pod = context.Api.Get(podsType, target.Namespace, target.Name);
        if (pod.At("status.containerStatuses") is not JsonArray { Count: > 0 } statuses || statuses[0] is not JsonObject status) return;
        var now = Json.Time(context.Clock.GetUtcNow());
        if (_random.Next(2) == 0)
        {
            // A crash and restart: the old run becomes lastState, the counter rises.
            var started = status.Str("state.running.startedAt") ?? now;
            status["lastState"] = new JsonObject
            {
                ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error", ["startedAt"] = started, ["finishedAt"] = now },
            };
            status["restartCount"] = (status.Int("restartCount") ?? 0) + 1;
            status["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } };
        }
        else
        {
            var ready = status.Bool("ready") != true;
            status["ready"] = ready;
            foreach (var c in pod.Items("status.conditions").Where(c => c.Str("type") is "Ready" or "ContainersReady"))
            {
                c["status"] = ready ? "True" : "False";
                c["lastTransitionTime"] = now;
            }
        }
        context.Api.Update(podsType, target.Namespace, target.Name, pod, UserInfo.System, new WriteOptions { Subresource = "status" });
    }

    private LargePod Replace(ResourceType podsType, LargePod target)
    {
        context.Api.Delete(podsType, target.Namespace, target.Name, UserInfo.System, new DeleteOptions { GracePeriodSeconds = 0 });
        var workload = workloads[target.Workload];
        var fresh = _builder.Pod(workload, target.Node, target.HostIp, _random.Next(1 << 20), context.Clock.GetUtcNow());
        var desired = fresh["status"]!.DeepClone();
        var created = context.Api.Create(podsType, target.Namespace, fresh, UserInfo.System);
        if (created.Str("status.phase") != "Running")
        {
            created["status"] = desired;
            context.Api.Update(podsType, target.Namespace, created.Name(), created, UserInfo.System, new WriteOptions { Subresource = "status" });
        }
        return target with { Name = created.Name() };
    }
}
