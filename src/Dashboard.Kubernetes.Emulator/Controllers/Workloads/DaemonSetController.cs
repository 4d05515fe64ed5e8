using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The daemonset controller: one pod per eligible node (nodeSelector, required node affinity, taints against the pod's
/// and the daemon default tolerations; cordoned nodes included), pinned to its node, rolled within maxUnavailable,
/// with ControllerRevisions and the desired/current/ready/available/updated counts in status.
/// </summary>
internal sealed class DaemonSetController : WorkloadController
{
    private readonly ResourceType _sets;
    private readonly ResourceType _nodes;
    private readonly Revisions _revisions;
    private CancellationToken _stopping;
    private readonly Dictionary<string, string> _nodeFingerprints = new(StringComparer.Ordinal);

    public DaemonSetController(EmulatorContext context) : base(context, "daemonset-controller")
    {
        _sets = context.Type("apps", "daemonsets");
        _nodes = context.Type("", "nodes");
        _revisions = new Revisions(context.Api, context.Type("apps", "controllerrevisions"));
    }

    protected override IEnumerable<ResourceType> Watched => [_sets, PodsType, _nodes];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        if (change.Object.Type.Key == _nodes.Key)
        {
            // Heartbeats change nodes constantly; only what decides eligibility is worth a pass over every DaemonSet.
            var node = change.Object.ToJson();
            var fingerprint = change.Type == WatchEventType.Deleted ? null
                : TemplateHash.Canonical(new JsonArray(node.At("metadata.labels")?.DeepClone(), node.At("spec.taints")?.DeepClone(),
                    node.At("metadata.deletionTimestamp")?.DeepClone()));
            lock (_nodeFingerprints)
            {
                if (fingerprint is null) _nodeFingerprints.Remove(change.Object.Name);
                else if (_nodeFingerprints.TryGetValue(change.Object.Name, out var known) && known == fingerprint) return [];
                else _nodeFingerprints[change.Object.Name] = fingerprint;
            }
            return Context.Store.List(_sets, null).Items.Select(s => s.Key).ToList();
        }
        return OwnerKeys(change, _sets, "DaemonSet");
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        _stopping = cancellationToken;
        var ds = Api.TryGet(_sets, ns, name);
        if (ds is null) return Task.CompletedTask;
        var pods = ClaimPods(ds, LabelSelector.FromObject(ds.At("spec.selector")));
        if (ds.At("metadata.deletionTimestamp") is not null) return Task.CompletedTask;
        var (update, all) = _revisions.Sync(ds);
        var hash = Revisions.HashOf(update);
        var nodes = Api.List(_nodes).Where(n => n.At("metadata.deletionTimestamp") is null).ToList();
        var template = ds.At("spec.template") as JsonObject;
        var hostNetwork = template.Bool("spec.hostNetwork") == true;
        var spec = template?["spec"] is JsonObject s ? s.Clone() : new JsonObject();
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var t in NodeEligibility.DaemonTolerations(hostNetwork)) tolerations.Add(t);
        spec["tolerations"] = tolerations;
        var eligible = nodes.Where(n => NodeEligibility.Fits(spec, n)).Select(n => n.Name()).ToHashSet(StringComparer.Ordinal);

        var byNode = pods.Where(p => !Pods.IsTerminating(p)).GroupBy(p => p.Str("spec.nodeName") ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (node, onNode) in byNode)
        {
            if (!eligible.Contains(node))
            {
                foreach (var p in onNode) DeletePod(ds, p);
                continue;
            }
            foreach (var p in onNode.Where(Pods.IsTerminal)) DeletePod(ds, p);
            var running = onNode.Where(p => !Pods.IsTerminal(p)).OrderBy(p => p.Str("metadata.creationTimestamp"), StringComparer.Ordinal).ToList();
            foreach (var extra in running.Skip(1)) DeletePod(ds, extra);
        }
        foreach (var node in eligible)
        {
            var has = byNode.TryGetValue(node, out var onNode) && onNode.Any(p => !Pods.IsTerminal(p));
            var terminating = pods.Any(p => p.Str("spec.nodeName") == node && Pods.IsTerminating(p));
            if (!has && !terminating) CreatePod(ds, node, spec, hash);
        }
        RollingUpdate(ds, eligible, byNode, hash);

        var fresh = ClaimPods(ds, LabelSelector.FromObject(ds.At("spec.selector")));
        UpdateStatus(ds, eligible, fresh, hash, cancellationToken);
        var inUse = new HashSet<string>(fresh.Select(p => p.Labels().GetValueOrDefault(StatefulSetController.RevisionLabel) ?? ""), StringComparer.Ordinal) { hash };
        _revisions.Prune(ds, all, inUse);
        return Task.CompletedTask;
    }

    private void RollingUpdate(JsonObject ds, HashSet<string> eligible, Dictionary<string, List<JsonObject>> byNode, string hash)
    {
        if (ds.Str("spec.updateStrategy.type") != "RollingUpdate") return;
        var desired = eligible.Count;
        var maxUnavailable = IntOrPercent.Resolve(ds.At("spec.updateStrategy.rollingUpdate.maxUnavailable"), desired, roundUp: true, fallback: 1);
        if (maxUnavailable <= 0) maxUnavailable = 1;
        var now = Now;
        var minReady = ds.Int("spec.minReadySeconds") ?? 0;
        var unavailable = 0;
        var old = new List<JsonObject>();
        foreach (var node in eligible)
        {
            var pod = byNode.TryGetValue(node, out var list) ? list.FirstOrDefault(p => !Pods.IsTerminal(p)) : null;
            if (pod is null || !Pods.IsAvailable(pod, minReady, now)) unavailable++;
            if (pod is not null && pod.Labels().GetValueOrDefault(StatefulSetController.RevisionLabel) != hash) old.Add(pod);
        }
        // Old pods that are not available anyway go first; then as many available ones as the budget allows.
        foreach (var pod in old.Where(p => !Pods.IsAvailable(p, minReady, now))) DeletePod(ds, pod);
        var budget = maxUnavailable - unavailable;
        foreach (var pod in old.Where(p => Pods.IsAvailable(p, minReady, now)).Take(Math.Max(0, budget))) DeletePod(ds, pod);
    }

    private void CreatePod(JsonObject ds, string node, JsonObject spec, string hash)
    {
        var template = ds.At("spec.template") is JsonObject t ? t.Clone() : new JsonObject();
        template["spec"] = spec.Clone();
        var pod = Pods.FromTemplate(template, ds, ds.Name() + "-", null);
        var labels = pod.Meta().Obj("labels");
        labels[StatefulSetController.RevisionLabel] = hash;
        labels["pod-template-generation"] = (ds.Int("metadata.generation") ?? 1).ToString(CultureInfo.InvariantCulture);
        var podSpec = pod.Obj("spec");
        var affinity = podSpec.Obj("affinity").Obj("nodeAffinity");
        affinity["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
        {
            ["nodeSelectorTerms"] = new JsonArray(new JsonObject
            {
                ["matchFields"] = new JsonArray(new JsonObject
                {
                    ["key"] = "metadata.name", ["operator"] = "In", ["values"] = new JsonArray(node),
                }),
            }),
        };
        // Bound at creation: a daemon pod belongs to its node whatever a scheduler would think of cordons.
        podSpec["nodeName"] = node;
        try
        {
            var created = Api.Create(PodsType, ds.Namespace(), pod, UserInfo.System);
            Normal(ds, "SuccessfulCreate", $"Created pod: {created.Name()}");
        }
        catch (ApiException e)
        {
            Warning(ds, "FailedCreate", $"Error creating: {e.Message}");
            // Admission may let it through later (quota freed, service account created): try again like a resync.
            EnqueueAfter(ds.Namespace() + "/" + ds.Name(), TimeSpan.FromSeconds(5), _stopping);
        }
    }

    private void DeletePod(JsonObject ds, JsonObject pod)
    {
        try
        {
            Api.Delete(PodsType, pod.Namespace(), pod.Name(), UserInfo.System);
            Normal(ds, "SuccessfulDelete", $"Deleted pod: {pod.Name()}");
        }
        catch (ApiException e) when (e.Code == 404) { }
    }

    private void UpdateStatus(JsonObject ds, HashSet<string> eligible, List<JsonObject> pods, string hash, CancellationToken ct)
    {
        var now = Now;
        var minReady = ds.Int("spec.minReadySeconds") ?? 0;
        var live = pods.Where(p => !Pods.IsTerminal(p) && !Pods.IsTerminating(p)).ToList();
        var onEligible = live.Where(p => eligible.Contains(p.Str("spec.nodeName") ?? "")).GroupBy(p => p.Str("spec.nodeName")!).Select(g => g.First()).ToList();
        var available = onEligible.Count(p => Pods.IsAvailable(p, minReady, now));
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = onEligible.Count,
            ["numberMisscheduled"] = live.Select(p => p.Str("spec.nodeName") ?? "").Where(n => !eligible.Contains(n)).Distinct().Count(),
            ["desiredNumberScheduled"] = eligible.Count,
            ["numberReady"] = onEligible.Count(Pods.IsReady),
            ["observedGeneration"] = ds.Int("metadata.generation") ?? 1,
            ["updatedNumberScheduled"] = onEligible.Count(p => p.Labels().GetValueOrDefault(StatefulSetController.RevisionLabel) == hash),
            ["numberAvailable"] = available,
            ["numberUnavailable"] = eligible.Count - available,
        };
        foreach (var k in new[] { "updatedNumberScheduled", "numberAvailable", "numberUnavailable" })
            if (status.Int(k) == 0) status.Remove(k);
        WriteStatus(_sets, ds, status);
        var wake = live.Select(p => Pods.AvailableAt(p, minReady)).Where(t => t > now).Min();
        if (wake is { } at) EnqueueAfter(ds.Namespace() + "/" + ds.Name(), at - now + TimeSpan.FromMilliseconds(50), ct);
    }
}
