using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>
/// kube-scheduler: binds pods without a node (schedulerName default-scheduler) to the node that fits and is least
/// allocated. Keeps its own cache of node capacity and of the requests of bound pods, updated from the watches, so a
/// scheduling decision never lists pods. Unschedulable pods get PodScheduled=False and a FailedScheduling event, and are
/// tried again when a node or a bound pod changes in a way that could make room.
/// </summary>
internal sealed class SchedulerController : ReconcilingController
{
    private const string Component = "default-scheduler";
    private readonly ResourceType _pods;
    private readonly ResourceType _nodes;
    private readonly ResourceType _claims;
    private readonly object _gate = new();
    private readonly Dictionary<string, NodeInfo> _nodeInfos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundPod> _bound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unschedulable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ownWrites = new(StringComparer.Ordinal);
    private readonly HashSet<string> _retryTimers = new(StringComparer.Ordinal);
    /// <summary>podMaxInUnschedulablePodsDuration: an unschedulable pod is tried again at least this often.</summary>
    private static readonly TimeSpan UnschedulableRetry = TimeSpan.FromMinutes(5);
    private CancellationToken _stopping;

    public SchedulerController(EmulatorContext context) : base(context)
    {
        _pods = context.Type("", "pods");
        _nodes = context.Type("", "nodes");
        _claims = context.Type("", "persistentvolumeclaims");
    }

    protected override IEnumerable<ResourceType> Watched => [_nodes, _pods, _claims];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        if (change.Object.Type == _nodes) return NodeChanged(change);
        if (change.Object.Type == _pods) return PodChanged(change);
        lock (_gate) return [.. _unschedulable.Where(k => k.StartsWith(change.Object.Namespace + "/", StringComparison.Ordinal))];
    }

    private List<string> NodeChanged(StoredEvent change)
    {
        var name = change.Object.Name;
        lock (_gate)
        {
            if (change.Type == WatchEventType.Deleted)
            {
                _nodeInfos.Remove(name);
                return [];
            }
            _nodeInfos.TryGetValue(name, out var previous);
            var before = previous?.Signature;
            var info = NodeInfo.From(change.Object.ToJson(), previous);
            if (previous is null)
            {
                // Pods may have been bound to this node before its watch event arrived.
                foreach (var (_, b) in _bound)
                {
                    if (b.Node != name) continue;
                    info.RequestedMilliCpu += b.Requests.MilliCpu;
                    info.RequestedMemory += b.Requests.Memory;
                    info.PodCount++;
                }
            }
            _nodeInfos[name] = info;
            return before == info.Signature ? [] : [.. _unschedulable];
        }
    }

    private List<string> PodChanged(StoredEvent change)
    {
        var obj = change.Object;
        var key = obj.Key;
        lock (_gate)
        {
            if (_ownWrites.TryGetValue(key, out var rv) && rv == obj.ResourceVersion) return [];
            var node = obj.Fields.GetValueOrDefault("spec.nodeName") ?? "";
            var phase = obj.Fields.GetValueOrDefault("status.phase") ?? "";
            if (change.Type == WatchEventType.Deleted || phase is "Succeeded" or "Failed")
            {
                _unschedulable.Remove(key);
                _ownWrites.Remove(key);
                return Unbind(key) ? [.. _unschedulable] : [];
            }
            if (node.Length > 0)
            {
                _unschedulable.Remove(key);
                _ownWrites.Remove(key);
                if (!_bound.TryGetValue(key, out var b) || b.Node != node)
                {
                    Unbind(key);
                    Assume(key, new BoundPod(node, PodRequests.Of(obj.ToJson()), obj.Namespace, obj.Labels));
                }
                else if (!ReferenceEquals(b.Labels, obj.Labels))
                {
                    _bound[key] = b with { Labels = obj.Labels };
                }
                return [];
            }
            if ((obj.Fields.GetValueOrDefault("spec.schedulerName") ?? Component) is not ("" or Component)) return [];
            return [key];
        }
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        var (ns, name) = Split(key);
        var stored = Context.Store.Get(_pods, ns, name);
        if (stored is null || (stored.Fields.GetValueOrDefault("spec.nodeName") ?? "").Length > 0)
        {
            lock (_gate) _unschedulable.Remove(key);
            return Task.CompletedTask;
        }
        var pod = stored.ToJson();
        if (pod.At("metadata.deletionTimestamp") is not null) return Task.CompletedTask;
        if ((pod.Str("spec.schedulerName") ?? Component) != Component) return Task.CompletedTask;
        if (pod.At("spec.schedulingGates") is JsonArray { Count: > 0 })
        {
            WriteCondition(key, pod, "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates");
            return Task.CompletedTask;
        }

        var requests = PodRequests.Of(pod);
        var preFilter = VolumeBinding.PreFilter(Context, pod);
        var (chosen, nodeCount, rejections) = preFilter is null ? Choose(pod, requests) : (null, NodeCount(), []);
        if (chosen is null)
        {
            if (preFilter is not null) rejections = [.. Enumerable.Repeat(new NodeRejection([], false), nodeCount)];
            var message = NodeFilter.Message(pod, nodeCount, rejections, preFilter);
            lock (_gate)
            {
                _unschedulable.Add(key);
                if (_retryTimers.Add(key))
                    _ = Task.Delay(UnschedulableRetry, _stopping).ContinueWith(_ =>
                    {
                        bool still;
                        lock (_gate)
                        {
                            _retryTimers.Remove(key);
                            still = _unschedulable.Contains(key);
                        }
                        if (still) Enqueue(key);
                    }, _stopping, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
            WriteCondition(key, pod, "Unschedulable", message);
            Context.Events.Warning(pod, "FailedScheduling", message, Component);
            return Task.CompletedTask;
        }
        var bound = PodBinder.Bind(Context, ns, name, chosen, stored.Uid);
        lock (_gate)
        {
            _unschedulable.Remove(key);
            _ownWrites.Remove(key);
            Unbind(key);
            Assume(key, new BoundPod(chosen, requests, ns, pod.Labels()));
        }
        Context.Events.Normal(bound, "Scheduled", $"Successfully assigned {ns}/{name} to {chosen}", Component);
        return Task.CompletedTask;
    }

    private (string? Node, int NodeCount, List<NodeRejection> Rejections) Choose(JsonObject pod, PodRequests requests)
    {
        var rejections = new List<NodeRejection>();
        string? best = null;
        var bestScore = double.MinValue;
        var ties = 0;
        // Scoring counts a pod without requests as 100m / 200Mi, as the scheduler's non-zero defaults do, so such pods spread.
        var scoreCpu = requests.MilliCpu > 0 ? requests.MilliCpu : 100;
        var scoreMem = requests.Memory > 0 ? requests.Memory : 200L * 1024 * 1024;
        var constraints = new PodConstraints(pod, requests);
        var interPod = InterPodAffinity.Compile(pod);
        var podLabels = pod.Labels();
        var namespaceLabels = NamespaceLabels();
        lock (_gate)
        {
            if (!interPod.IsEmpty) interPod.Prepare(_bound.Values, _nodeInfos, namespaceLabels);
            foreach (var node in _nodeInfos.Values)
            {
                if ((NodeFilter.Check(constraints, node) ?? (interPod.IsEmpty ? null : interPod.Check(node, pod.Namespace(), podLabels, namespaceLabels))) is { } rejection)
                {
                    rejections.Add(rejection);
                    continue;
                }
                var score = (Free(node.AllocatableMilliCpu, node.RequestedMilliCpu + scoreCpu)
                    + Free(node.AllocatableMemory, node.RequestedMemory + scoreMem)) / 2;
                if (score > bestScore + 1e-9)
                {
                    best = node.Name;
                    bestScore = score;
                    ties = 1;
                }
                else if (Math.Abs(score - bestScore) <= 1e-9 && Random.Shared.Next(++ties) == 0)
                {
                    best = node.Name; // reservoir sampling among equal scores, like the scheduler's random tie-break
                }
            }
            return (best, _nodeInfos.Count, rejections);
        }
    }

    private Func<string, IReadOnlyDictionary<string, string>> NamespaceLabels()
    {
        var namespaces = Context.Type("", "namespaces");
        var cache = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        return ns =>
        {
            if (!cache.TryGetValue(ns, out var labels))
                cache[ns] = labels = Context.Store.Get(namespaces, "", ns)?.Labels ?? new Dictionary<string, string>();
            return labels;
        };
    }

    private int NodeCount()
    {
        lock (_gate) return _nodeInfos.Count;
    }

    private static double Free(long allocatable, long requested) =>
        allocatable <= 0 ? 0 : Math.Max(0, allocatable - requested) / (double)allocatable;

    private void WriteCondition(string key, JsonObject pod, string reason, string message)
    {
        var now = Context.Clock.GetUtcNow();
        if (!PodConditions.Set(pod, "PodScheduled", "False", reason, message, now)) return;
        try
        {
            var written = Context.Api.Update(_pods, pod.Namespace(), pod.Name(), pod, UserInfo.System, new WriteOptions { Subresource = "status" });
            var rv = long.Parse(written.Str("metadata.resourceVersion") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            lock (_gate) _ownWrites[key] = rv;
        }
        catch (ApiException e) when (e.Code == 404)
        {
        }
    }

    private void Assume(string key, BoundPod pod)
    {
        _bound[key] = pod;
        var requests = pod.Requests;
        if (!_nodeInfos.TryGetValue(pod.Node, out var info)) return;
        info.RequestedMilliCpu += requests.MilliCpu;
        info.RequestedMemory += requests.Memory;
        info.PodCount++;
    }

    private bool Unbind(string key)
    {
        if (!_bound.Remove(key, out var b)) return false;
        if (_nodeInfos.TryGetValue(b.Node, out var info))
        {
            info.RequestedMilliCpu -= b.Requests.MilliCpu;
            info.RequestedMemory -= b.Requests.Memory;
            info.PodCount--;
        }
        return true;
    }
}
