using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The statefulset controller: stable pods <c>&lt;name&gt;-&lt;ordinal&gt;</c> with claims <c>&lt;template&gt;-&lt;name&gt;-&lt;ordinal&gt;</c>,
/// created in order (OrderedReady waits for each to be Running and Ready) or all at once (Parallel), removed from the
/// highest ordinal, and rolled from the highest ordinal down to the partition, with ControllerRevisions recording templates.
/// </summary>
internal sealed class StatefulSetController : WorkloadController
{
    internal const string RevisionLabel = "controller-revision-hash";
    private readonly ResourceType _sets;
    private readonly ResourceType _claims;
    private readonly Revisions _revisions;
    private CancellationToken _stopping;

    public StatefulSetController(EmulatorContext context) : base(context, "statefulset-controller")
    {
        _sets = context.Type("apps", "statefulsets");
        _claims = context.Type("", "persistentvolumeclaims");
        _revisions = new Revisions(context.Api, context.Type("apps", "controllerrevisions"));
    }

    protected override IEnumerable<ResourceType> Watched => [_sets, PodsType];

    protected override IEnumerable<string> KeysFor(StoredEvent change) => OwnerKeys(change, _sets, "StatefulSet");

    private static bool Healthy(JsonObject pod) => Pods.IsReady(pod) && !Pods.IsTerminating(pod);

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        _stopping = cancellationToken;
        var sts = Api.TryGet(_sets, ns, name);
        if (sts is null) return Task.CompletedTask;
        var selector = LabelSelector.FromObject(sts.At("spec.selector"));
        var pods = ClaimPods(sts, selector);
        if (sts.At("metadata.deletionTimestamp") is not null) return Task.CompletedTask;

        var (update, all) = _revisions.Sync(sts);
        var currentName = sts.Str("status.currentRevision") is { } cur && all.Any(r => r.Name() == cur) ? cur : update.Name();
        var current = all.First(r => r.Name() == currentName);
        var start = Int(sts, "spec.ordinals.start");
        var replicas = Int(sts, "spec.replicas", 1);
        var monotonic = sts.Str("spec.podManagementPolicy") != "Parallel";
        var byOrdinal = new SortedDictionary<int, JsonObject>();
        foreach (var p in pods)
            if (Ordinal(sts, p) is { } o) byOrdinal[o] = p;

        Manage(sts, byOrdinal, start, replicas, monotonic, current, update);
        var fresh = ClaimPods(sts, selector).Where(p => Ordinal(sts, p) is not null).ToList();
        UpdateStatus(sts, fresh, current, update, replicas, cancellationToken);
        var inUse = new HashSet<string>(fresh.Select(p => p.Labels().GetValueOrDefault(RevisionLabel) ?? ""), StringComparer.Ordinal) { current.Name(), update.Name() };
        _revisions.Prune(sts, all, inUse);
        return Task.CompletedTask;
    }

    private void Manage(JsonObject sts, SortedDictionary<int, JsonObject> pods, int start, int replicas, bool monotonic, JsonObject current, JsonObject update)
    {
        var end = start + replicas;
        // Failed pods are replaced; the ordered policy waits for the replacement before going on.
        foreach (var (ordinal, pod) in pods.Where(kv => kv.Key >= start && kv.Key < end && Pods.IsTerminal(kv.Value)).ToList())
        {
            DeletePod(sts, pod);
            pods.Remove(ordinal);
            if (monotonic) return;
        }
        var partition = sts.Str("spec.updateStrategy.type") == "RollingUpdate" ? Int(sts, "spec.updateStrategy.rollingUpdate.partition") : (int?)null;
        var currentReplicas = Int(sts, "status.currentReplicas");
        for (var ordinal = start; ordinal < end; ordinal++)
        {
            if (!pods.TryGetValue(ordinal, out var pod))
            {
                var useCurrent = current.Name() != update.Name() && (partition is { } part ? ordinal < part : ordinal - start < currentReplicas);
                CreatePod(sts, ordinal, useCurrent ? current : update);
                if (monotonic) return;
                continue;
            }
            if (monotonic && !Healthy(pod)) return;
        }
        var condemned = pods.Where(kv => kv.Key < start || kv.Key >= end).OrderByDescending(kv => kv.Key).Select(kv => kv.Value).ToList();
        foreach (var pod in condemned)
        {
            if (Pods.IsTerminating(pod))
            {
                if (monotonic) return;
                continue;
            }
            if (monotonic && pods.Values.Any(p => !Healthy(p) && !ReferenceEquals(p, pod))) return;
            DeletePod(sts, pod);
            if (monotonic) return;
        }
        if (partition is not { } min) return;
        if (pods.Where(kv => kv.Key >= start && kv.Key < end).Any(kv => !Healthy(kv.Value))) return;
        for (var ordinal = end - 1; ordinal >= start + min; ordinal--)
        {
            if (!pods.TryGetValue(ordinal, out var pod)) continue;
            if (pod.Labels().GetValueOrDefault(RevisionLabel) == update.Name()) continue;
            DeletePod(sts, pod);
            return;
        }
    }

    private int? Ordinal(JsonObject sts, JsonObject pod)
    {
        var prefix = sts.Name() + "-";
        var name = pod.Name();
        return name.StartsWith(prefix, StringComparison.Ordinal)
               && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : null;
    }

    private void CreatePod(JsonObject sts, int ordinal, JsonObject revision)
    {
        var podName = $"{sts.Name()}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var template = revision.At("data.spec.template") is JsonObject t ? t.Clone() : new JsonObject();
        template.Remove("$patch");
        var pod = Pods.FromTemplate(template, sts, null, podName);
        var labels = pod.Meta().Obj("labels");
        labels[RevisionLabel] = revision.Name();
        labels["statefulset.kubernetes.io/pod-name"] = podName;
        labels["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture);
        var spec = pod.Obj("spec");
        spec["hostname"] = podName;
        if (sts.Str("spec.serviceName") is { Length: > 0 } service) spec["subdomain"] = service;
        foreach (var claim in sts.Items("spec.volumeClaimTemplates"))
        {
            var claimName = $"{claim.Name()}-{podName}";
            EnsureClaim(sts, claim, claimName, podName);
            var volumes = spec["volumes"] as JsonArray ?? [];
            foreach (var v in volumes.OfType<JsonObject>().Where(v => v.Str("name") == claim.Name()).ToList()) volumes.Remove(v);
            volumes.Add(new JsonObject { ["name"] = claim.Name(), ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claimName } });
            spec["volumes"] = volumes;
        }
        try
        {
            Api.Create(PodsType, sts.Namespace(), pod, UserInfo.System);
            Normal(sts, "SuccessfulCreate", $"create Pod {podName} in StatefulSet {sts.Name()} successful");
        }
        catch (ApiException e) when (e.Code != 409)
        {
            Warning(sts, "FailedCreate", $"create Pod {podName} in StatefulSet {sts.Name()} failed error: {e.Message}");
            // Admission may let it through later (quota freed, service account created): try again like a resync.
            EnqueueAfter(sts.Namespace() + "/" + sts.Name(), TimeSpan.FromSeconds(5), _stopping);
        }
    }

    private void EnsureClaim(JsonObject sts, JsonObject template, string claimName, string podName)
    {
        if (Api.TryGet(_claims, sts.Namespace(), claimName) is not null) return;
        var labels = template.At("metadata.labels") is JsonObject l ? l.Clone() : new JsonObject();
        if (sts.At("spec.selector.matchLabels") is JsonObject m)
            foreach (var (k, v) in m) labels[k] = v?.DeepClone();
        var claim = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = new JsonObject { ["name"] = claimName, ["namespace"] = sts.Namespace(), ["labels"] = labels },
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
        if (template.At("metadata.annotations") is JsonObject a) claim.Meta()["annotations"] = a.DeepClone();
        if (sts.Str("spec.persistentVolumeClaimRetentionPolicy.whenDeleted") == "Delete")
            claim.Meta()["ownerReferences"] = new JsonArray(Owners.ControllerRef(sts));
        try
        {
            Api.Create(_claims, sts.Namespace(), claim, UserInfo.System);
            Normal(sts, "SuccessfulCreate", $"create Claim {claimName} Pod {podName} in StatefulSet {sts.Name()} success");
        }
        catch (ApiException e) when (e.Code != 409)
        {
            Warning(sts, "FailedCreate", $"create Claim {claimName} for Pod {podName} in StatefulSet {sts.Name()} failed error: {e.Message}");
        }
    }

    private void DeletePod(JsonObject sts, JsonObject pod)
    {
        try
        {
            Api.Delete(PodsType, pod.Namespace(), pod.Name(), UserInfo.System);
            Normal(sts, "SuccessfulDelete", $"delete Pod {pod.Name()} in StatefulSet {sts.Name()} successful");
        }
        catch (ApiException e) when (e.Code == 404) { }
    }

    private void UpdateStatus(JsonObject sts, List<JsonObject> pods, JsonObject current, JsonObject update, int replicas, CancellationToken ct)
    {
        var now = Now;
        var minReady = sts.Int("spec.minReadySeconds") ?? 0;
        var live = pods.Where(p => !Pods.IsTerminal(p)).ToList();
        var status = new JsonObject
        {
            ["observedGeneration"] = sts.Int("metadata.generation") ?? 1,
            ["replicas"] = live.Count,
            ["readyReplicas"] = live.Count(Pods.IsReady),
            ["currentReplicas"] = live.Count(p => p.Labels().GetValueOrDefault(RevisionLabel) == current.Name()),
            ["updatedReplicas"] = live.Count(p => p.Labels().GetValueOrDefault(RevisionLabel) == update.Name()),
            ["availableReplicas"] = live.Count(p => Pods.IsAvailable(p, minReady, now)),
            ["currentRevision"] = current.Name(),
            ["updateRevision"] = update.Name(),
            ["collisionCount"] = sts.Int("status.collisionCount") ?? 0,
        };
        if (sts.Str("spec.updateStrategy.type") == "RollingUpdate" && Int(status, "updatedReplicas") == replicas
            && Int(status, "readyReplicas") == replicas && Int(status, "replicas") == replicas)
        {
            status["currentRevision"] = update.Name();
            status["currentReplicas"] = Int(status, "updatedReplicas");
        }
        foreach (var k in new[] { "readyReplicas", "currentReplicas", "updatedReplicas" })
            if (status.Int(k) == 0) status.Remove(k);
        WriteStatus(_sets, sts, status);
        var wake = live.Select(p => Pods.AvailableAt(p, minReady)).Where(t => t > now).Min();
        if (wake is { } at) EnqueueAfter(sts.Namespace() + "/" + sts.Name(), at - now + TimeSpan.FromMilliseconds(50), ct);
    }
}
