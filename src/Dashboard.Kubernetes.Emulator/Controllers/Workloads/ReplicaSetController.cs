using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The replicaset controller (also serving ReplicationControllers): keeps <c>spec.replicas</c> active pods from the
/// template, adopting and releasing by selector, and reports replicas / ready / available in status.
/// </summary>
internal sealed class ReplicaSetController : WorkloadController
{
    private readonly ResourceType _type;
    private readonly bool _mapSelector;

    public ReplicaSetController(EmulatorContext context, ResourceType type, bool mapSelector)
        : base(context, mapSelector ? "replication-controller" : "replicaset-controller")
    {
        _type = type;
        _mapSelector = mapSelector;
    }

    protected override IEnumerable<ResourceType> Watched => [_type, PodsType];

    protected override IEnumerable<string> KeysFor(StoredEvent change) => OwnerKeys(change, _type, _type.Kind);

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        var rs = Api.TryGet(_type, ns, name);
        if (rs is null) return Task.CompletedTask;
        var selector = _mapSelector ? LabelSelector.FromMap(Json.StringMap(rs.At("spec.selector"))) : LabelSelector.FromObject(rs.At("spec.selector"));
        var pods = ClaimPods(rs, selector);
        var active = pods.Where(Pods.IsActive).ToList();
        JsonObject? failure = null;
        if (rs.At("metadata.deletionTimestamp") is null)
            failure = Manage(rs, active, Int(rs, "spec.replicas", 1), cancellationToken);
        UpdateStatus(rs, selector, failure, cancellationToken);
        return Task.CompletedTask;
    }

    private JsonObject? Manage(JsonObject rs, List<JsonObject> active, int replicas, CancellationToken ct)
    {
        var diff = active.Count - replicas;
        if (diff < 0)
        {
            for (var i = 0; i < -diff; i++)
            {
                var pod = Pods.FromTemplate(rs.At("spec.template") as JsonObject, rs, rs.Name() + "-", null);
                try
                {
                    var created = Api.Create(PodsType, rs.Namespace(), pod, UserInfo.System);
                    Normal(rs, "SuccessfulCreate", $"Created pod: {created.Name()}");
                }
                catch (ApiException e)
                {
                    Warning(rs, "FailedCreate", $"Error creating: {e.Message}");
                    // Quota or a LimitRange may change later; try again like the real controller's resync does.
                    EnqueueAfter(rs.Namespace() + "/" + rs.Name(), TimeSpan.FromSeconds(5), ct);
                    return Condition("ReplicaFailure", "True", "FailedCreate", e.Message, FindCondition(rs, "ReplicaFailure"));
                }
            }
        }
        else if (diff > 0)
        {
            foreach (var pod in active.OrderBy(p => p, DeletionOrder.Instance).Take(diff))
            {
                try
                {
                    Api.Delete(PodsType, pod.Namespace(), pod.Name(), UserInfo.System);
                    Normal(rs, "SuccessfulDelete", $"Deleted pod: {pod.Name()}");
                }
                catch (ApiException e) when (e.Code == 404)
                {
                }
            }
        }
        return null;
    }

    private void UpdateStatus(JsonObject rs, LabelSelector selector, JsonObject? failure, CancellationToken ct)
    {
        var now = Now;
        var minReady = rs.Int("spec.minReadySeconds") ?? 0;
        var active = Api.List(PodsType, rs.Namespace(), null, o => MayBelong(o, rs, selector))
            .Where(p => Owners.IsControlledBy(p, rs) && Pods.IsActive(p)).ToList();
        var templateLabels = Json.StringMap(rs.At("spec.template.metadata.labels"));
        var status = new JsonObject
        {
            ["replicas"] = active.Count,
            ["fullyLabeledReplicas"] = active.Count(p => templateLabels.All(kv => p.Labels().TryGetValue(kv.Key, out var v) && v == kv.Value)),
            ["readyReplicas"] = active.Count(Pods.IsReady),
            ["availableReplicas"] = active.Count(p => Pods.IsAvailable(p, minReady, now)),
            ["observedGeneration"] = rs.Int("metadata.generation") ?? 1,
        };
        if (failure is not null) status["conditions"] = new JsonArray(failure);
        // Drop zero counters the way omitempty does on the wire.
        foreach (var k in new[] { "fullyLabeledReplicas", "readyReplicas", "availableReplicas" })
            if (status.Int(k) == 0) status.Remove(k);
        WriteStatus(_type, rs, status);
        var wake = active.Select(p => Pods.AvailableAt(p, minReady)).Where(t => t > now).Min();
        if (wake is { } at) EnqueueAfter(rs.Namespace() + "/" + rs.Name(), at - now + TimeSpan.FromMilliseconds(50), ct);
    }

    /// <summary>Which pods a scale-down removes first, as in the controller's ActivePods ordering.</summary>
    private sealed class DeletionOrder : IComparer<JsonObject>
    {
        public static readonly DeletionOrder Instance = new();

        public int Compare(JsonObject? x, JsonObject? y)
        {
            if (x is null || y is null) return 0;
            int c;
            if ((c = Assigned(x).CompareTo(Assigned(y))) != 0) return c;
            if ((c = PhaseRank(x).CompareTo(PhaseRank(y))) != 0) return c;
            if ((c = Pods.IsReady(x).CompareTo(Pods.IsReady(y))) != 0) return c;
            if ((c = Restarts(y).CompareTo(Restarts(x))) != 0) return c;
            var tx = Json.ParseTime(x.Str("metadata.creationTimestamp")) ?? DateTimeOffset.MinValue;
            var ty = Json.ParseTime(y.Str("metadata.creationTimestamp")) ?? DateTimeOffset.MinValue;
            return ty.CompareTo(tx); // newer first
        }

        private static bool Assigned(JsonObject p) => !string.IsNullOrEmpty(p.Str("spec.nodeName"));
        private static int PhaseRank(JsonObject p) => p.Str("status.phase") switch { "Pending" => 0, "Unknown" => 1, "Running" => 2, _ => 0 };
        private static long Restarts(JsonObject p) => p.Items("status.containerStatuses").Sum(s => s.Int("restartCount") ?? 0);
    }
}
