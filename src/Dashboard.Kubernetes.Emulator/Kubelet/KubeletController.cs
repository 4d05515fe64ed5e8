using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>
/// The kubelets of every node in one controller: for each pod bound to a node it runs <see cref="PodSimulation"/>,
/// writes the resulting status when it changed, and sleeps until the next simulated transition (a timed requeue, never
/// a scan). Graceful deletion stops the containers and removes the pod. Pods that arrive with container statuses
/// already filled in (scenarios that create running pods in bulk) are adopted as they are.
/// </summary>
internal sealed class KubeletController : ReconcilingController
{
    private readonly ResourceType _pods;
    private readonly ResourceType _nodes;
    private readonly ResourceType _configMaps;
    private readonly ResourceType _secrets;
    private readonly object _gate = new();
    private readonly Dictionary<string, PodRuntime> _runtimes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeState> _nodeStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ownWrites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _wakes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _waitingForNode = new(StringComparer.Ordinal);
    private CancellationToken _stopping;

    public KubeletController(EmulatorContext context) : base(context)
    {
        _pods = context.Type("", "pods");
        _nodes = context.Type("", "nodes");
        _configMaps = context.Type("", "configmaps");
        _secrets = context.Type("", "secrets");
        context.Clock.Advanced += () =>
        {
            List<string> keys;
            lock (_gate) keys = [.. _runtimes.Keys];
            foreach (var k in keys) Enqueue(k);
        };
    }

    protected override IEnumerable<ResourceType> Watched => [_pods, _configMaps, _secrets, _nodes];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var obj = change.Object;
        if (obj.Type == _pods)
        {
            lock (_gate)
            {
                if (_ownWrites.TryGetValue(obj.Key, out var rv) && rv == obj.ResourceVersion) return [];
                if (change.Type == WatchEventType.Deleted) return _runtimes.ContainsKey(obj.Key) ? [obj.Key] : [];
            }
            return (obj.Fields.GetValueOrDefault("spec.nodeName") ?? "").Length > 0 ? [obj.Key] : [];
        }
        if (obj.Type == _nodes) return NodeChanged(change);
        if (change.Type == WatchEventType.Deleted) return [];
        var kind = obj.Type == _configMaps ? "configmap" : "secret";
        lock (_gate)
            return _waiters.TryGetValue($"{kind}/{obj.Namespace}/{obj.Name}", out var pods) ? [.. pods] : [];
    }

    /// <summary>A node whose Ready condition comes back wakes its pods; one that loses it freezes them (dead kubelet).</summary>
    private List<string> NodeChanged(StoredEvent change)
    {
        var name = change.Object.Name;
        var ready = change.Type != WatchEventType.Deleted && IsReady(change.Object.ToJson());
        lock (_gate)
        {
            if (!_nodeStates.TryGetValue(name, out var state))
                return change.Type != WatchEventType.Deleted && ready && _waitingForNode.ContainsKey(name) ? PodsOn(name) : [];
            if (change.Type == WatchEventType.Deleted)
            {
                _nodeStates.Remove(name);
                return [];
            }
            if (state.Ready == ready) return [];
            state.Ready = ready;
        }
        return ready ? PodsOn(name) : [];
    }

    /// <summary>Pods to wake for a node that appeared or became Ready: those frozen on it and those that waited for it.</summary>
    private List<string> PodsOn(string node)
    {
        lock (_gate)
        {
            var keys = _runtimes.Values.Where(r => r.Node == node).Select(r => r.Key).ToList();
            if (_waitingForNode.Remove(node, out var waiting)) keys.AddRange(waiting);
            return keys;
        }
    }

    private static bool IsReady(System.Text.Json.Nodes.JsonObject node) =>
        node.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        var (ns, name) = Split(key);
        var stored = Context.Store.Get(_pods, ns, name);
        if (stored is null)
        {
            Forget(key);
            return Task.CompletedTask;
        }
        var nodeName = stored.Fields.GetValueOrDefault("spec.nodeName") ?? "";
        if (nodeName.Length == 0) return Task.CompletedTask;
        var pod = stored.ToJson();
        // Timers may fire a hair early by the emulator clock; treat what is due within a few ms as due.
        var now = Context.Clock.GetUtcNow() + TimeSpan.FromMilliseconds(5);

        PodRuntime? runtime;
        lock (_gate) _runtimes.TryGetValue(key, out runtime);
        if (runtime is not null && runtime.Uid != stored.Uid)
        {
            Forget(key);
            runtime = null;
        }
        var node = NodeFor(nodeName);
        if (node is null || !node.Ready)
        {
            // No kubelet runs there (node missing or NotReady): the node's return wakes the pod.
            lock (_gate)
            {
                if (!_waitingForNode.TryGetValue(nodeName, out var set)) _waitingForNode[nodeName] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(key);
            }
            return Task.CompletedTask;
        }
        if (runtime is null)
        {
            runtime = Create(key, pod, node, now);
            lock (_gate) _runtimes[key] = runtime;
        }

        var host = new PodHost(this, pod, node);
        if (pod.At("metadata.deletionTimestamp") is not null)
        {
            PodSimulation.Terminate(runtime, now, pod.Int("metadata.deletionGracePeriodSeconds") ?? 30, host);
            if (runtime.RemoveAt <= now)
            {
                Context.Api.FinishDeletion(_pods, ns, name);
                if (Context.Store.Get(_pods, ns, name) is null) Forget(key);
                return Task.CompletedTask;
            }
        }
        else if (!runtime.Adopted)
        {
            ApplySpecChanges(pod, runtime, now, host);
            PodSimulation.Advance(runtime, now, host);
        }
        if (!runtime.Adopted) WriteStatus(key, pod, runtime, node, now);
        TrackWaiters(key, runtime);
        Wake(key, runtime.NextDue(), now);
        return Task.CompletedTask;
    }

    private PodRuntime Create(string key, JsonObject pod, NodeState node, DateTimeOffset now)
    {
        var policy = pod.Str("spec.restartPolicy") ?? "Always";
        var adopted = pod.At("status.containerStatuses") is JsonArray { Count: > 0 };
        // An adopted pod is never simulated, so its containers need no model (this keeps 30,000 adoptions cheap).
        var init = adopted ? [] : pod.Items("spec.initContainers")
            .Select(c => new ContainerRuntime(ContainerSpec.From(c, true, policy)) { State = ContainerRuntime.Waiting("PodInitializing") })
            .ToList();
        var mainReason = init.Count > 0 ? "PodInitializing" : "ContainerCreating";
        var main = adopted ? [] : pod.Items("spec.containers")
            .Select(c => new ContainerRuntime(ContainerSpec.From(c, false, policy)) { State = ContainerRuntime.Waiting(mainReason) })
            .ToList();
        var runtime = new PodRuntime
        {
            Key = key,
            Uid = pod.Uid(),
            Node = node.Name,
            RestartPolicy = policy,
            Init = init,
            Main = main,
            StartTime = Json.ParseTime(pod.Str("status.startTime")) ?? now,
            Adopted = adopted,
            VolumeRefs = ContainerSpec.VolumeRefsOf(pod),
            Due = now,
        };
        if (adopted && pod.Str("status.podIP") is { Length: > 0 } ip)
        {
            runtime.PodIp = ip;
            node.Claim(ip);
        }
        return runtime;
    }

    private static void ApplySpecChanges(JsonObject pod, PodRuntime runtime, DateTimeOffset now, IKubeletHost host)
    {
        foreach (var (containers, path, init) in new[] { (runtime.Init, "spec.initContainers", true), (runtime.Main, "spec.containers", false) })
            foreach (var spec in pod.Items(path))
            {
                var c = containers.FirstOrDefault(x => x.Spec.Name == spec.Str("name"));
                if (c is null || c.Spec.Image == (spec.Str("image") ?? "")) continue;
                PodSimulation.ChangeSpec(runtime, c, ContainerSpec.From(spec, init, runtime.RestartPolicy), now, host);
            }
        foreach (var spec in pod.Items("spec.ephemeralContainers"))
            if (!runtime.Ephemeral.Any(e => e.Spec.Name == spec.Str("name")))
                PodSimulation.AddEphemeral(runtime, ContainerSpec.Ephemeral(spec), now);
    }

    private void WriteStatus(string key, JsonObject pod, PodRuntime runtime, NodeState node, DateTimeOffset now)
    {
        var status = PodStatusBuilder.Build(pod, runtime, node.HostIp, now);
        if (JsonNode.DeepEquals(status, pod["status"])) return;
        pod["status"] = status;
        var written = Context.Api.Update(_pods, pod.Namespace(), pod.Name(), pod, UserInfo.System, new WriteOptions { Subresource = "status" });
        if (long.TryParse(written.Str("metadata.resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
            lock (_gate) _ownWrites[key] = rv;
    }

    private void TrackWaiters(string key, PodRuntime runtime)
    {
        if (runtime.WaitingOn.Count == 0) return;
        lock (_gate)
            foreach (var w in runtime.WaitingOn)
            {
                if (!_waiters.TryGetValue(w, out var set)) _waiters[w] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(key);
            }
    }

    private void Wake(string key, DateTimeOffset at, DateTimeOffset now)
    {
        if (at == DateTimeOffset.MaxValue) return;
        lock (_gate)
        {
            // One pending timer per pod: a later wake is folded into an earlier one that is still ahead.
            if (_wakes.TryGetValue(key, out var pending) && pending > now && pending <= at) return;
            _wakes[key] = at;
        }
        var delay = at - now;
        if (delay <= TimeSpan.Zero)
        {
            lock (_gate) _wakes.Remove(key);
            Enqueue(key);
            return;
        }
        _ = Task.Delay(delay, _stopping).ContinueWith(_ =>
        {
            lock (_gate)
                if (_wakes.TryGetValue(key, out var pending) && pending == at) _wakes.Remove(key);
            Enqueue(key);
        }, _stopping, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private void Forget(string key)
    {
        lock (_gate)
        {
            if (_runtimes.Remove(key, out var runtime))
            {
                if (runtime.PodIp is { } ip && _nodeStates.TryGetValue(runtime.Node, out var node)) node.Release(ip);
                foreach (var w in runtime.WaitingOn)
                    if (_waiters.TryGetValue(w, out var set) && set.Remove(key) && set.Count == 0) _waiters.Remove(w);
            }
            _ownWrites.Remove(key);
            _wakes.Remove(key);
        }
    }

    private NodeState? NodeFor(string name)
    {
        lock (_gate)
            if (_nodeStates.TryGetValue(name, out var known)) return known;
        var node = Context.Store.Get(_nodes, "", name)?.ToJson();
        if (node is null) return null;
        var cidr = node.Str("spec.podCIDR") ?? $"10.244.{(uint)name.GetHashCode(StringComparison.Ordinal) % 250 + 1}.0/24";
        var hostIp = node.Items("status.addresses").FirstOrDefault(a => a.Str("type") == "InternalIP")?.Str("address") ?? "172.18.0.2";
        var state = new NodeState(name, cidr, hostIp) { Ready = IsReady(node) };
        lock (_gate)
        {
            if (_nodeStates.TryGetValue(name, out var raced)) return raced;
            _nodeStates[name] = state;
        }
        return state;
    }

    /// <summary>The simulation's view of the node and cluster for one pod.</summary>
    private sealed class PodHost(KubeletController owner, JsonObject pod, NodeState node) : IKubeletHost
    {
        public double Scale => owner.Context.Options.TimeScale;
        public string PodName => pod.Name();
        public string PodNamespace => pod.Namespace();
        public string PodUid => pod.Uid();

        public void Event(string type, string reason, string message, string? fieldPath = null) =>
            owner.Context.Events.Record(pod, type, reason, message, "kubelet", fieldPath, node.Name);

        public bool HasImage(string image) => node.HasImage(image);
        public void AddImage(string image) => node.AddImage(image);

        public string AllocateIp() => pod.Bool("spec.hostNetwork") == true ? node.HostIp : node.Allocate();

        public string? ConfigError(ConfigRef reference)
        {
            var configMap = reference.Kind == "configmap";
            var obj = owner.Context.Store.Get(configMap ? owner._configMaps : owner._secrets, PodNamespace, reference.Name)?.ToJson();
            if (obj is null) return reference.Optional ? null : $"{reference.Kind} \"{reference.Name}\" not found";
            if (reference.Key is not { } key) return null;
            var present = configMap
                ? HasKey(obj, "data", key) || HasKey(obj, "binaryData", key)
                : HasKey(obj, "data", key) || HasKey(obj, "stringData", key);
            if (present || reference.Optional) return null;
            return $"couldn't find key {key} in {(configMap ? "ConfigMap" : "Secret")} {PodNamespace}/{reference.Name}";
        }

        private static bool HasKey(JsonObject obj, string map, string key) => obj[map] is JsonObject m && m.ContainsKey(key);
    }
}
