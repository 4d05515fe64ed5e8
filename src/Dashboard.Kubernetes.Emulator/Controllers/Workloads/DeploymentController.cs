using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The deployment controller: one ReplicaSet per pod template (<c>&lt;name&gt;-&lt;pod-template-hash&gt;</c>), revisions,
/// rolling updates within maxSurge/maxUnavailable, Recreate, proportional scaling, pause, history pruning, and the
/// status and conditions that <c>kubectl rollout status</c> reads.
/// </summary>
internal sealed class DeploymentController : WorkloadController
{
    internal const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    internal const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    internal const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    internal const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
    internal const string HashLabel = "pod-template-hash";

    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration", RevisionAnnotation, RevisionHistoryAnnotation,
        DesiredReplicasAnnotation, MaxReplicasAnnotation, "deprecated.deployment.rollback.to",
    };

    private readonly ResourceType _deployments;
    private readonly ResourceType _replicaSets;

    public DeploymentController(EmulatorContext context) : base(context, "deployment-controller")
    {
        _deployments = context.Type("apps", "deployments");
        _replicaSets = context.Type("apps", "replicasets");
    }

    protected override IEnumerable<ResourceType> Watched => [_deployments, _replicaSets];

    protected override IEnumerable<string> KeysFor(StoredEvent change) => OwnerKeys(change, _deployments, "Deployment");

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        var d = Api.TryGet(_deployments, ns, name);
        if (d is null) return Task.CompletedTask;
        var selector = LabelSelector.FromObject(d.At("spec.selector"));
        if (selector.IsEmpty) return Task.CompletedTask;
        var all = ClaimReplicaSets(d, selector);
        if (d.At("metadata.deletionTimestamp") is not null)
        {
            SyncStatus(d, FindNew(d, all), all, cancellationToken);
            return Task.CompletedTask;
        }
        d = CheckPausedCondition(d);
        var paused = d.Bool("spec.paused") == true;
        if (paused || IsScalingEvent(d, all))
        {
            var newRs = GetNewReplicaSet(ref d, all, create: false);
            Scale(d, newRs, all);
            if (paused) Cleanup(d, newRs, all);
            SyncStatus(d, newRs, all, cancellationToken);
            return Task.CompletedTask;
        }
        if (d.Str("spec.strategy.type") == "Recreate") Recreate(d, all, cancellationToken);
        else Rolling(d, all, cancellationToken);
        return Task.CompletedTask;
    }

    private List<JsonObject> ClaimReplicaSets(JsonObject d, LabelSelector selector)
    {
        var result = new List<JsonObject>();
        foreach (var rs in Api.List(_replicaSets, d.Namespace(), null, o => MayBelong(o, d, selector)))
        {
            var controller = Owners.Controller(rs);
            if (controller?.Str("uid") == d.Uid()) result.Add(rs);
            // As the real controller's canAdopt: an owner that is being deleted adopts nothing (else an orphaning
            // delete would take back the ReplicaSets the garbage collector just released, and then lose them).
            else if (controller is null && selector.Matches(rs.Labels()) && rs.At("metadata.deletionTimestamp") is null
                     && d.At("metadata.deletionTimestamp") is null)
            {
                var refs = rs.Meta()["ownerReferences"] as JsonArray ?? [];
                refs.Add(Owners.ControllerRef(d));
                rs.Meta()["ownerReferences"] = refs;
                result.Add(Write(_replicaSets, rs));
            }
        }
        return result;
    }

    private void Rolling(JsonObject d, List<JsonObject> all, CancellationToken ct)
    {
        var newRs = GetNewReplicaSet(ref d, all, create: true);
        if (newRs is not null && !all.Any(r => r.Uid() == newRs.Uid())) all.Add(newRs);
        if (ReconcileNew(d, newRs!, all) || ReconcileOld(d, newRs!, all))
        {
            SyncStatus(d, newRs, all, ct);
            return;
        }
        if (IsComplete(d, Status(d, newRs, all))) Cleanup(d, newRs, all);
        SyncStatus(d, newRs, all, ct);
    }

    private void Recreate(JsonObject d, List<JsonObject> all, CancellationToken ct)
    {
        var newRs = GetNewReplicaSet(ref d, all, create: false);
        var old = Old(all, newRs);
        var scaledDown = false;
        foreach (var rs in old.Where(r => Int(r, "spec.replicas") > 0).ToList())
            scaledDown |= ScaleRs(d, rs, 0, all);
        if (scaledDown || old.Any(r => Int(r, "status.replicas") > 0))
        {
            SyncStatus(d, newRs, all, ct);
            return;
        }
        if (newRs is null)
        {
            newRs = GetNewReplicaSet(ref d, all, create: true)!;
            all.Add(newRs);
        }
        if (Int(newRs, "spec.replicas") != Replicas(d)) ScaleRs(d, newRs, Replicas(d), all);
        if (IsComplete(d, Status(d, newRs, all))) Cleanup(d, newRs, all);
        SyncStatus(d, newRs, all, ct);
    }

    private static int Replicas(JsonObject d) => Int(d, "spec.replicas", 1);

    private static (int Surge, int Unavailable) Limits(JsonObject d)
    {
        if (d.Str("spec.strategy.type") != "RollingUpdate") return (0, 0);
        var replicas = Replicas(d);
        var surge = IntOrPercent.Resolve(d.At("spec.strategy.rollingUpdate.maxSurge"), replicas, roundUp: true);
        var unavailable = IntOrPercent.Resolve(d.At("spec.strategy.rollingUpdate.maxUnavailable"), replicas, roundUp: false);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    private static JsonObject TemplateWithoutHash(JsonNode? template)
    {
        var t = template as JsonObject is { } o ? o.Clone() : new JsonObject();
        (t["metadata"] as JsonObject)?.Remove("creationTimestamp");
        if (t.At("metadata.labels") is JsonObject labels)
        {
            labels.Remove(HashLabel);
            if (labels.Count == 0) t.Obj("metadata").Remove("labels");
        }
        if (t["metadata"] is JsonObject { Count: 0 }) t.Remove("metadata");
        return t;
    }

    private static JsonObject? FindNew(JsonObject d, List<JsonObject> all)
    {
        var want = TemplateWithoutHash(d.At("spec.template"));
        return all.Where(rs => JsonNode.DeepEquals(TemplateWithoutHash(rs.At("spec.template")), want))
            .OrderBy(rs => Json.ParseTime(rs.Str("metadata.creationTimestamp")) ?? DateTimeOffset.MinValue)
            .FirstOrDefault();
    }

    private static List<JsonObject> Old(List<JsonObject> all, JsonObject? newRs) =>
        all.Where(rs => newRs is null || rs.Uid() != newRs.Uid()).ToList();

    internal static long RevisionOf(JsonObject obj) =>
        obj.At("metadata.annotations") is JsonObject a && a[RevisionAnnotation] is JsonValue v && v.TryGetValue<string>(out var s)
        && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    private JsonObject? GetNewReplicaSet(ref JsonObject d, List<JsonObject> all, bool create)
    {
        var existing = FindNew(d, all);
        var maxOld = Old(all, existing).Select(RevisionOf).DefaultIfEmpty(0).Max();
        var newRevision = maxOld + 1;
        var (surge, _) = Limits(d);
        if (existing is not null)
        {
            var rs = existing.Clone();
            var ann = rs.Meta()["annotations"] as JsonObject ?? new JsonObject();
            rs.Meta()["annotations"] = ann;
            CopyAnnotations(d, ann);
            var oldRevision = RevisionOf(existing);
            if (oldRevision < newRevision)
            {
                if (oldRevision > 0)
                {
                    var history = ann[RevisionHistoryAnnotation]?.GetValue<string>();
                    ann[RevisionHistoryAnnotation] = string.IsNullOrEmpty(history)
                        ? oldRevision.ToString(CultureInfo.InvariantCulture)
                        : history + "," + oldRevision.ToString(CultureInfo.InvariantCulture);
                }
                ann[RevisionAnnotation] = newRevision.ToString(CultureInfo.InvariantCulture);
            }
            ann[DesiredReplicasAnnotation] = Replicas(d).ToString(CultureInfo.InvariantCulture);
            ann[MaxReplicasAnnotation] = (Replicas(d) + surge).ToString(CultureInfo.InvariantCulture);
            if (!JsonNode.DeepEquals(rs, existing))
            {
                rs = Write(_replicaSets, rs);
                var i = all.FindIndex(r => r.Uid() == rs.Uid());
                if (i >= 0) all[i] = rs;
            }
            d = SetDeploymentRevision(d, RevisionOf(rs));
            return rs;
        }
        if (!create) return null;

        var collision = d.Int("status.collisionCount");
        var template = TemplateWithoutHash(d.At("spec.template"));
        var hash = TemplateHash.Of(template, collision);
        template.Obj("metadata")["creationTimestamp"] = null;
        template.Obj("metadata").Obj("labels")[HashLabel] = hash;
        var selector = d.At("spec.selector") is JsonObject sel ? sel.Clone() : new JsonObject();
        selector.Obj("matchLabels")[HashLabel] = hash;
        var annotations = new JsonObject();
        CopyAnnotations(d, annotations);
        annotations[DesiredReplicasAnnotation] = Replicas(d).ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (Replicas(d) + surge).ToString(CultureInfo.InvariantCulture);
        annotations[RevisionAnnotation] = newRevision.ToString(CultureInfo.InvariantCulture);
        var newRs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = d.Name() + "-" + hash,
                ["namespace"] = d.Namespace(),
                ["labels"] = template.At("metadata.labels")!.DeepClone(),
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(Owners.ControllerRef(d)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = d.Int("spec.minReadySeconds") ?? 0,
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        var replicas = d.Str("spec.strategy.type") == "Recreate" ? Replicas(d) : NewRsReplicas(d, all, 0);
        newRs["spec"]!["replicas"] = replicas;
        JsonObject created;
        try
        {
            created = Api.Create(_replicaSets, d.Namespace(), newRs, UserInfo.System);
        }
        catch (ApiException e) when (e.Code == 409 && e.Reason == "AlreadyExists")
        {
            // A ReplicaSet with this hash exists but holds another template: bump collisionCount and try another name.
            var status = d["status"] is JsonObject s ? s.Clone() : new JsonObject();
            status["collisionCount"] = (collision ?? 0) + 1;
            WriteStatus(_deployments, d, status);
            throw ApiException.Conflict(_deployments, d.Name(), "hash collision");
        }
        if (replicas > 0) Normal(d, "ScalingReplicaSet", $"Scaled up replica set {created.Name()} to {replicas}");
        d = SetDeploymentRevision(d, newRevision);
        var progressing = Condition("Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{created.Name()}\"", FindCondition(d, "Progressing"));
        var st = d["status"] is JsonObject cur ? cur.Clone() : new JsonObject();
        SetCondition(st, progressing);
        d = WriteStatus(_deployments, d, st);
        return created;
    }

    private JsonObject SetDeploymentRevision(JsonObject d, long revision)
    {
        var text = revision.ToString(CultureInfo.InvariantCulture);
        var ann = d.At("metadata.annotations") as JsonObject;
        if (ann?[RevisionAnnotation]?.GetValue<string>() == text) return d;
        var copy = d.Clone();
        var a = copy.Meta()["annotations"] as JsonObject ?? new JsonObject();
        a[RevisionAnnotation] = text;
        copy.Meta()["annotations"] = a;
        return Write(_deployments, copy);
    }

    private static void CopyAnnotations(JsonObject d, JsonObject target)
    {
        if (d.At("metadata.annotations") is not JsonObject source) return;
        foreach (var (k, v) in source)
            if (!NotCopied.Contains(k)) target[k] = v?.DeepClone();
    }

    private static int NewRsReplicas(JsonObject d, List<JsonObject> all, int newRsReplicas)
    {
        var (surge, _) = Limits(d);
        var current = all.Sum(r => Int(r, "spec.replicas"));
        var maxTotal = Replicas(d) + surge;
        if (current >= maxTotal) return newRsReplicas;
        var up = Math.Min(maxTotal - current, Replicas(d) - newRsReplicas);
        return newRsReplicas + Math.Max(up, 0);
    }

    private bool ReconcileNew(JsonObject d, JsonObject newRs, List<JsonObject> all)
    {
        var current = Int(newRs, "spec.replicas");
        if (current == Replicas(d)) return false;
        if (current > Replicas(d)) return ScaleRs(d, newRs, Replicas(d), all);
        var target = NewRsReplicas(d, all, current);
        return ScaleRs(d, newRs, target, all);
    }

    private bool ReconcileOld(JsonObject d, JsonObject newRs, List<JsonObject> all)
    {
        var old = Old(all, newRs).Where(r => Int(r, "spec.replicas") > 0)
            .OrderBy(r => Json.ParseTime(r.Str("metadata.creationTimestamp")) ?? DateTimeOffset.MinValue).ToList();
        if (old.Count == 0) return false;
        var (_, maxUnavailable) = Limits(d);
        var allPods = all.Sum(r => Int(r, "spec.replicas"));
        var minAvailable = Replicas(d) - maxUnavailable;
        var newUnavailable = Int(newRs, "spec.replicas") - Int(newRs, "status.availableReplicas");
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;
        var scaled = false;
        var total = 0;
        // First old pods that are not available anyway: removing them costs no availability.
        foreach (var rs in old)
        {
            if (total >= maxScaledDown) break;
            var unhealthy = Int(rs, "spec.replicas") - Int(rs, "status.availableReplicas");
            if (unhealthy <= 0) continue;
            var down = Math.Min(unhealthy, maxScaledDown - total);
            scaled |= ScaleRs(d, rs, Int(rs, "spec.replicas") - down, all);
            total += down;
        }
        var available = all.Sum(r => Int(r, "status.availableReplicas"));
        var budget = available - minAvailable;
        var done = 0;
        foreach (var rs in all.Where(r => r.Uid() != newRs.Uid() && Int(r, "spec.replicas") > 0)
                     .OrderBy(r => Json.ParseTime(r.Str("metadata.creationTimestamp")) ?? DateTimeOffset.MinValue).ToList())
        {
            if (done >= budget) break;
            var down = Math.Min(Int(rs, "spec.replicas"), budget - done);
            scaled |= ScaleRs(d, rs, Int(rs, "spec.replicas") - down, all);
            done += down;
        }
        return scaled;
    }

    private bool IsScalingEvent(JsonObject d, List<JsonObject> all)
    {
        var want = Replicas(d).ToString(CultureInfo.InvariantCulture);
        foreach (var rs in all.Where(r => Int(r, "spec.replicas") > 0))
        {
            var desired = rs.At("metadata.annotations") is JsonObject a && a[DesiredReplicasAnnotation] is JsonValue v ? v.GetValue<string>() : null;
            if (desired is not null && desired != want) return true;
        }
        return false;
    }

    private void Scale(JsonObject d, JsonObject? newRs, List<JsonObject> all)
    {
        var active = all.Where(r => Int(r, "spec.replicas") > 0).ToList();
        JsonObject? target = active.Count == 1 ? active[0]
            : active.Count == 0 ? newRs ?? all.OrderByDescending(RevisionOf).FirstOrDefault() : null;
        if (target is not null)
        {
            if (Int(target, "spec.replicas") != Replicas(d)) ScaleRs(d, target, Replicas(d), all);
            return;
        }
        if (newRs is not null && Int(newRs, "spec.replicas") == Replicas(d) && Int(newRs, "status.availableReplicas") == Replicas(d))
        {
            foreach (var rs in Old(all, newRs).Where(r => Int(r, "spec.replicas") > 0).ToList()) ScaleRs(d, rs, 0, all);
            return;
        }
        // Proportional scaling: spread the change over the active ReplicaSets by their size, largest first.
        var (surge, _) = Limits(d);
        var allowed = Replicas(d) + surge;
        var current = active.Sum(r => Int(r, "spec.replicas"));
        var toAdd = allowed - current;
        if (toAdd == 0 || current == 0) return;
        var ordered = (toAdd > 0 ? active.OrderByDescending(r => Int(r, "spec.replicas")) : active.OrderBy(r => Int(r, "spec.replicas"))).ToList();
        var added = 0;
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rs in ordered)
        {
            var share = (int)Math.Truncate(Int(rs, "spec.replicas") * (double)toAdd / current);
            targets[rs.Uid()] = Int(rs, "spec.replicas") + share;
            added += share;
        }
        var first = ordered[0].Uid();
        targets[first] += toAdd - added;
        foreach (var rs in ordered) ScaleRs(d, rs, Math.Max(0, targets[rs.Uid()]), all);
    }

    private bool ScaleRs(JsonObject d, JsonObject rs, int replicas, List<JsonObject> all)
    {
        var old = Int(rs, "spec.replicas");
        var (surge, _) = Limits(d);
        var copy = rs.Clone();
        copy.Obj("spec")["replicas"] = replicas;
        var ann = copy.Meta()["annotations"] as JsonObject ?? new JsonObject();
        copy.Meta()["annotations"] = ann;
        ann[DesiredReplicasAnnotation] = Replicas(d).ToString(CultureInfo.InvariantCulture);
        ann[MaxReplicasAnnotation] = (Replicas(d) + surge).ToString(CultureInfo.InvariantCulture);
        if (JsonNode.DeepEquals(copy, rs)) return false;
        var written = Write(_replicaSets, copy);
        var i = all.FindIndex(r => r.Uid() == rs.Uid());
        if (i >= 0) all[i] = written;
        if (old != replicas)
        {
            var direction = replicas > old ? "up" : "down";
            Normal(d, "ScalingReplicaSet", old == 0
                ? $"Scaled {direction} replica set {rs.Name()} to {replicas}"
                : $"Scaled {direction} replica set {rs.Name()} to {replicas} from {old}");
        }
        return old != replicas;
    }

    private void Cleanup(JsonObject d, JsonObject? newRs, List<JsonObject> all)
    {
        var limit = d.Int("spec.revisionHistoryLimit") ?? 10;
        var candidates = Old(all, newRs)
            .Where(r => Int(r, "spec.replicas") == 0 && Int(r, "status.replicas") == 0 && r.At("metadata.deletionTimestamp") is null)
            .OrderBy(RevisionOf).ToList();
        var excess = candidates.Count - (int)limit;
        foreach (var rs in candidates.Take(Math.Max(excess, 0)))
        {
            try { Api.Delete(_replicaSets, rs.Namespace(), rs.Name(), UserInfo.System); }
            catch (ApiException e) when (e.Code == 404) { }
        }
    }

    private JsonObject CheckPausedCondition(JsonObject d)
    {
        var progressing = FindCondition(d, "Progressing");
        var paused = d.Bool("spec.paused") == true;
        JsonObject? cond = null;
        if (paused && progressing?.Str("reason") != "DeploymentPaused")
            cond = Condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", progressing);
        else if (!paused && progressing?.Str("reason") == "DeploymentPaused")
            cond = Condition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", progressing);
        if (cond is null) return d;
        cond["lastUpdateTime"] = Json.Time(Now);
        var status = d["status"] is JsonObject s ? s.Clone() : new JsonObject();
        SetCondition(status, cond);
        return WriteStatus(_deployments, d, status);
    }

    private JsonObject Status(JsonObject d, JsonObject? newRs, List<JsonObject> all)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = d.Int("metadata.generation") ?? 1,
            ["replicas"] = all.Sum(r => Int(r, "status.replicas")),
            ["updatedReplicas"] = newRs is null ? 0 : Int(newRs, "status.replicas"),
            ["readyReplicas"] = all.Sum(r => Int(r, "status.readyReplicas")),
            ["availableReplicas"] = all.Sum(r => Int(r, "status.availableReplicas")),
        };
        status["unavailableReplicas"] = Math.Max(0, Replicas(d) - Int(status, "availableReplicas"));
        if (d.Int("status.collisionCount") is { } cc) status["collisionCount"] = cc;
        return status;
    }

    private static bool IsComplete(JsonObject d, JsonObject status) =>
        Int(status, "updatedReplicas") == Replicas(d) && Int(status, "replicas") == Replicas(d)
        && Int(status, "availableReplicas") == Replicas(d) && (status.Int("observedGeneration") ?? 0) >= (d.Int("metadata.generation") ?? 1);

    private void SyncStatus(JsonObject d, JsonObject? newRs, List<JsonObject> all, CancellationToken ct)
    {
        var status = Status(d, newRs, all);
        var now = Now;
        var (_, maxUnavailable) = Limits(d);
        var conditions = new JsonArray();
        foreach (var c in d.Items("status.conditions")) conditions.Add(c.DeepClone());
        status["conditions"] = conditions;
        var availableOld = FindCondition(d, "Available");
        var available = Int(status, "availableReplicas") >= Replicas(d) - maxUnavailable;
        var availableCond = available
            ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", availableOld)
            : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", availableOld);
        availableCond["lastUpdateTime"] = availableOld is not null && availableOld.Str("status") == availableCond.Str("status")
            ? availableOld.Str("lastUpdateTime") : Json.Time(now);
        SetCondition(status, availableCond);

        var progressingOld = FindCondition(d, "Progressing");
        var paused = d.Bool("spec.paused") == true;
        if (!paused && newRs is not null && progressingOld?.Str("reason") != "ProgressDeadlineExceeded")
        {
            JsonObject? cond = null;
            var deadline = d.Int("spec.progressDeadlineSeconds") ?? 600;
            if (IsComplete(d, status))
                cond = Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{newRs.Name()}\" has successfully progressed.", progressingOld);
            else if (IsProgressing(d, status))
                cond = Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{newRs.Name()}\" is progressing.", progressingOld);
            else if (progressingOld is not null && Json.ParseTime(progressingOld.Str("lastUpdateTime")) is { } last && last.AddSeconds(deadline) < now)
                cond = Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newRs.Name()}\" has timed out progressing.", progressingOld);
            if (cond is not null)
            {
                var sameReasonAndStatus = progressingOld is not null && progressingOld.Str("reason") == cond.Str("reason") && progressingOld.Str("status") == cond.Str("status");
                // A completed rollout keeps its timestamps; a progressing one refreshes lastUpdateTime on every step.
                cond["lastUpdateTime"] = sameReasonAndStatus && cond.Str("reason") == "NewReplicaSetAvailable"
                    ? progressingOld!.Str("lastUpdateTime") : Json.Time(now);
                SetCondition(status, cond);
            }
            if (!IsComplete(d, status) && cond?.Str("reason") != "ProgressDeadlineExceeded")
                EnqueueAfter(d.Namespace() + "/" + d.Name(), TimeSpan.FromSeconds(deadline + 1), ct);
        }
        var order = new[] { "Available", "Progressing" };
        var sorted = new JsonArray();
        foreach (var c in ((JsonArray)status["conditions"]!).OfType<JsonObject>()
                     .OrderBy(c => Array.IndexOf(order, c.Str("type")) is var i && i < 0 ? 99 : i).ToList())
            sorted.Add(c.DeepClone());
        status["conditions"] = sorted;
        foreach (var k in new[] { "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas" })
            if (status.Int(k) == 0) status.Remove(k);
        WriteStatus(_deployments, Api.TryGet(_deployments, d.Namespace(), d.Name()) ?? d, status);
    }

    private static bool IsProgressing(JsonObject d, JsonObject status)
    {
        int Old(string k) => Int(d, "status." + k);
        return Int(status, "updatedReplicas") > Old("updatedReplicas") || Int(status, "replicas") < Old("replicas")
            || Int(status, "readyReplicas") > Old("readyReplicas") || Int(status, "availableReplicas") > Old("availableReplicas");
    }

    private static void SetCondition(JsonObject status, JsonObject condition)
    {
        var list = status["conditions"] as JsonArray ?? [];
        foreach (var c in list.OfType<JsonObject>().Where(c => c.Str("type") == condition.Str("type")).ToList()) list.Remove(c);
        list.Add(condition);
        status["conditions"] = list;
    }
}
