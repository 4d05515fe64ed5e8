using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>
/// The disruption controller: keeps each PodDisruptionBudget's status (expectedPods, currentHealthy, desiredHealthy,
/// disruptionsAllowed, observedGeneration, the DisruptionAllowed condition) in line with its pods, and forgets
/// evicted pods from disruptedPods once their deletion is seen or two minutes have passed.
/// </summary>
internal sealed class DisruptionController : ReconcilingController
{
    private readonly ResourceType _pdbs;
    private readonly ResourceType _pods;
    private CancellationToken _stopping;

    public DisruptionController(EmulatorContext context) : base(context)
    {
        _pdbs = context.Type("policy", "poddisruptionbudgets");
        _pods = context.Type("", "pods");
    }

    protected override IEnumerable<ResourceType> Watched => [_pdbs, _pods];

    protected override IEnumerable<string> KeysFor(StoredEvent change) =>
        change.Object.Type == _pdbs
            ? (change.Type == WatchEventType.Deleted ? [] : [change.Object.Key])
            : DisruptionBudget.KeysIn(Context, change.Object.Namespace);

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        var (ns, name) = Split(key);
        var pdb = Context.Api.TryGet(_pdbs, ns, name);
        if (pdb is null) return Task.CompletedTask;
        var now = Context.Clock.GetUtcNow();
        var pods = DisruptionBudget.Pods(Context, pdb);
        var old = pdb["status"] as JsonObject ?? new JsonObject();

        // An evicted pod stays in disruptedPods until its deletion is observed (or the entry expires).
        var disrupted = new JsonObject();
        DateTimeOffset? nextExpiry = null;
        if (old["disruptedPods"] is JsonObject previous)
        {
            foreach (var (podName, time) in previous)
            {
                var pod = pods.FirstOrDefault(p => p.Name() == podName);
                var at = Json.ParseTime(time?.ToString());
                if (pod is null || pod.At("metadata.deletionTimestamp") is not null || at is null) continue;
                var expires = at.Value + DisruptionBudget.DisruptedPodTimeout;
                if (expires <= now) continue;
                disrupted[podName] = time!.DeepClone();
                if (nextExpiry is null || expires < nextExpiry) nextExpiry = expires;
            }
        }
        pdb.Obj("status")["disruptedPods"] = disrupted;
        var counts = DisruptionBudget.Count(Context, pdb, pods, now);
        var generation = pdb.Int("metadata.generation") ?? 1;
        var allowed = counts.Allowed;
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
        };
        if (disrupted.Count > 0) status["disruptedPods"] = disrupted.DeepClone();
        status["disruptionsAllowed"] = allowed;
        status["currentHealthy"] = counts.Current;
        status["desiredHealthy"] = counts.Desired;
        status["expectedPods"] = counts.Expected;
        var (condStatus, reason, message) = counts.Error is not null
            ? ("False", "SyncFailed", counts.Error)
            : allowed > 0 ? ("True", "SufficientPods", "") : ("False", "InsufficientPods", "");
        var oldCondition = old.Items("conditions").FirstOrDefault(c => c.Str("type") == "DisruptionAllowed");
        status["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "DisruptionAllowed",
            ["status"] = condStatus,
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = oldCondition is not null && oldCondition.Str("status") == condStatus && oldCondition.Str("reason") == reason
                ? oldCondition["lastTransitionTime"]?.DeepClone()
                : Json.Time(now),
            ["reason"] = reason,
            ["message"] = message,
        });
        if (!JsonNode.DeepEquals(status, old))
        {
            pdb["status"] = status;
            Context.Api.Update(_pdbs, ns, name, pdb, UserInfo.System, new WriteOptions { Subresource = "status" });
        }
        if (nextExpiry is { } expiry) EnqueueAfter(key, expiry - now + TimeSpan.FromMilliseconds(10), _stopping);
        return Task.CompletedTask;
    }
}
