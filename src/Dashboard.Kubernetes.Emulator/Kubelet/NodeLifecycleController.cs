using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Scheduling;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>
/// The node side of the control plane: each Ready node's kubelet renews its Lease in kube-node-lease and, every five
/// minutes, the heartbeat of its conditions; the node lifecycle controller keeps the condition taints
/// (<c>node.kubernetes.io/unschedulable</c> for cordoned nodes, not-ready / unreachable for failed ones) in line; the
/// pod garbage collector removes pods of deleted nodes. A node whose Ready condition someone set to False or Unknown
/// counts as a dead kubelet: no more heartbeats.
/// </summary>
internal sealed class NodeLifecycleController : ReconcilingController
{
    private static readonly TimeSpan StatusReportFrequency = TimeSpan.FromMinutes(5);
    private const int LeaseDurationSeconds = 40;
    private readonly ResourceType _nodes;
    private readonly ResourceType _leases;
    private readonly ResourceType _pods;
    private readonly Dictionary<string, DateTimeOffset> _wakes = new(StringComparer.Ordinal);
    private CancellationToken _stopping;

    public NodeLifecycleController(EmulatorContext context) : base(context)
    {
        _nodes = context.Type("", "nodes");
        _leases = context.Type("coordination.k8s.io", "leases");
        _pods = context.Type("", "pods");
    }

    protected override IEnumerable<ResourceType> Watched => [_nodes];

    /// <summary>Lease renewal period: the kubelet's 10 s, stretched on big clusters so heartbeats stay a modest write load.</summary>
    private TimeSpan LeaseRenewInterval => TimeSpan.FromSeconds(Math.Max(10, Context.Store.Count(_nodes) / 10.0));

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        var name = key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var node = Context.Api.TryGet(_nodes, "", name);
        if (node is null)
        {
            NodeGone(name);
            return Task.CompletedTask;
        }
        var now = Context.Clock.GetUtcNow();
        if (SyncTaints(node, now)) node = Context.Api.Update(_nodes, "", name, node, UserInfo.System);

        var ready = node.Items("status.conditions").FirstOrDefault(c => c.Str("type") == "Ready");
        if (ready?.Str("status") != "True")
        {
            MarkPodsNotReady(name, now);
            return Task.CompletedTask;
        }
        var nextLease = RenewLease(node, now);
        var nextHeartbeat = Heartbeat(node, ready, now);
        Wake(key, nextLease < nextHeartbeat ? nextLease : nextHeartbeat, now);
        return Task.CompletedTask;
    }

    /// <summary>Brings the taints the node controllers own in line with spec.unschedulable and the Ready condition.</summary>
    private static bool SyncTaints(JsonObject node, DateTimeOffset now)
    {
        var ready = node.Items("status.conditions").FirstOrDefault(c => c.Str("type") == "Ready")?.Str("status") ?? "Unknown";
        var wanted = new List<(string Key, string Effect)>();
        if (node.Bool("spec.unschedulable") == true) wanted.Add((Taint.Unschedulable, "NoSchedule"));
        if (ready == "False")
        {
            wanted.Add((Taint.NotReady, "NoSchedule"));
            wanted.Add((Taint.NotReady, "NoExecute"));
        }
        else if (ready != "True")
        {
            wanted.Add(("node.kubernetes.io/unreachable", "NoSchedule"));
            wanted.Add(("node.kubernetes.io/unreachable", "NoExecute"));
        }
        string[] managed = [Taint.Unschedulable, Taint.NotReady, "node.kubernetes.io/unreachable"];
        var current = node.Items("spec.taints").ToList();
        var kept = current.Where(t => !managed.Contains(t.Str("key")) || wanted.Contains((t.Str("key") ?? "", t.Str("effect") ?? ""))).ToList();
        var missing = wanted.Where(w => !kept.Any(t => t.Str("key") == w.Key && t.Str("effect") == w.Effect)).ToList();
        if (missing.Count == 0 && kept.Count == current.Count) return false;
        var taints = new JsonArray(kept.Select(t => (JsonNode)t.DeepClone()).ToArray());
        foreach (var (k, e) in missing)
            taints.Add(new JsonObject { ["key"] = k, ["effect"] = e, ["timeAdded"] = Json.Time(now) });
        var spec = node.Obj("spec");
        if (taints.Count > 0) spec["taints"] = taints;
        else spec.Remove("taints");
        return true;
    }

    private DateTimeOffset RenewLease(JsonObject node, DateTimeOffset now)
    {
        var interval = LeaseRenewInterval;
        var lease = Context.Api.TryGet(_leases, "kube-node-lease", node.Name());
        var renewed = Json.ParseTime(lease.Str("spec.renewTime"));
        if (lease is not null && renewed is { } r && now - r < interval) return r + interval;
        var duration = Math.Max(LeaseDurationSeconds, (int)(interval.TotalSeconds * 4));
        if (lease is null)
        {
            Context.Api.Create(_leases, "kube-node-lease", new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = node.Name(),
                    ["namespace"] = "kube-node-lease",
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "v1",
                        ["kind"] = "Node",
                        ["name"] = node.Name(),
                        ["uid"] = node.Uid(),
                    }),
                },
                ["spec"] = new JsonObject
                {
                    ["holderIdentity"] = node.Name(),
                    ["leaseDurationSeconds"] = duration,
                    ["renewTime"] = Json.MicroTime(now),
                },
            }, UserInfo.System);
        }
        else
        {
            var spec = lease.Obj("spec");
            spec["renewTime"] = Json.MicroTime(now);
            spec["leaseDurationSeconds"] = duration;
            Context.Api.Update(_leases, "kube-node-lease", node.Name(), lease, UserInfo.System);
        }
        return now + interval;
    }

    private DateTimeOffset Heartbeat(JsonObject node, JsonObject ready, DateTimeOffset now)
    {
        var last = Json.ParseTime(ready.Str("lastHeartbeatTime")) ?? DateTimeOffset.MinValue;
        if (now - last < StatusReportFrequency) return last + StatusReportFrequency;
        foreach (var c in node.Items("status.conditions")) c["lastHeartbeatTime"] = Json.Time(now);
        Context.Api.Update(_nodes, "", node.Name(), node, UserInfo.System, new WriteOptions { Subresource = "status" });
        return now + StatusReportFrequency;
    }

    /// <summary>What the node lifecycle controller does to the pods of a node that stopped being Ready.</summary>
    private void MarkPodsNotReady(string node, DateTimeOffset now)
    {
        var (pods, _) = Context.Store.List(_pods, null, filter: o => o.Fields.GetValueOrDefault("spec.nodeName") == node);
        foreach (var stored in pods)
        {
            var pod = stored.ToJson();
            var ready = pod.Items("status.conditions").FirstOrDefault(c => c.Str("type") == "Ready");
            if (ready is null || ready.Str("status") != "True") continue;
            ready["status"] = "False";
            ready["lastTransitionTime"] = Json.Time(now);
            try
            {
                var written = Context.Api.Update(_pods, pod.Namespace(), pod.Name(), pod, UserInfo.System, new WriteOptions { Subresource = "status" });
                Context.Events.Warning(written, "NodeNotReady", "Node is not ready", "node-controller");
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
            }
        }
    }

    private void NodeGone(string name)
    {
        lock (_wakes) _wakes.Remove("/" + name);
        if (Context.Store.Get(_leases, "kube-node-lease", name) is not null)
        {
            try { Context.Api.Delete(_leases, "kube-node-lease", name, UserInfo.System); }
            catch (ApiException e) when (e.Code == 404) { }
        }
        // The pod garbage collector force-deletes pods bound to a node that no longer exists.
        var (orphans, _) = Context.Store.List(_pods, null, filter: o => o.Fields.GetValueOrDefault("spec.nodeName") == name);
        foreach (var pod in orphans)
        {
            try { Context.Api.Delete(_pods, pod.Namespace, pod.Name, UserInfo.System, new DeleteOptions { GracePeriodSeconds = 0 }); }
            catch (ApiException e) when (e.Code == 404) { }
        }
    }

    private void Wake(string key, DateTimeOffset at, DateTimeOffset now)
    {
        lock (_wakes)
        {
            if (_wakes.TryGetValue(key, out var pending) && pending > now && pending <= at) return;
            _wakes[key] = at;
        }
        // A little jitter so that 500 nodes do not renew in lockstep; the timer clears its mark when it fires.
        var delay = at - now + TimeSpan.FromMilliseconds(Random.Shared.Next(1, 500));
        _ = Task.Delay(delay, _stopping).ContinueWith(_ =>
        {
            lock (_wakes)
                if (_wakes.TryGetValue(key, out var pending) && pending == at) _wakes.Remove(key);
            Enqueue(key);
        }, _stopping, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
