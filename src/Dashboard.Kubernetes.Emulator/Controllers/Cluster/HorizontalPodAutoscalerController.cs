using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The horizontal-pod-autoscaler controller: resource metrics from the pods' declared usage, the replica count the
/// real algorithm computes (10 % tolerance, 5-minute scale-down stabilization), min/max bounds, the target scaled
/// through the API, and status with currentMetrics and the AbleToScale/ScalingActive/ScalingLimited conditions.
/// </summary>
internal sealed class HorizontalPodAutoscalerController(EmulatorContext context) : ReconcilingController(context)
{
    private const string Component = "horizontal-pod-autoscaler";
    private static readonly TimeSpan StabilizationWindow = TimeSpan.FromMinutes(5);
    private readonly ResourceType _hpas = context.Type("autoscaling", "horizontalpodautoscalers");
    private readonly ResourceType _pods = context.Type("", "pods");
    private readonly ConcurrentDictionary<string, List<(DateTimeOffset At, long Replicas)>> _recommendations = new(StringComparer.Ordinal);

    // Metrics change without any object changing, so like the real controller every HPA is re-evaluated each sync period.
    protected override TimeSpan? ResyncPeriod => TimeSpan.FromSeconds(15 * Math.Max(Context.Options.TimeScale, 0.01));

    protected override IEnumerable<ResourceType> Watched =>
        [_hpas, .. Context.Catalog.Types.Where(t => t.Subresources.Contains("scale")).GroupBy(t => t.Key).Select(g => g.First())];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var o = change.Object;
        if (o.Type.Key == _hpas.Key)
        {
            if (change.Type == WatchEventType.Deleted) _recommendations.TryRemove(o.Key, out _);
            return change.Type == WatchEventType.Deleted ? [] : [o.Key];
        }
        return Context.Store.List(_hpas, o.Namespace).Items
            .Where(h => h.ToJson() is var hpa && hpa.Str("spec.scaleTargetRef.name") == o.Name && hpa.Str("spec.scaleTargetRef.kind") == o.Type.Kind)
            .Select(h => h.Key).ToList();
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        var hpa = Context.Api.TryGet(_hpas, ns, name);
        if (hpa is null) return Task.CompletedTask;
        var kind = hpa.Str("spec.scaleTargetRef.kind") ?? "";
        var apiVersion = hpa.Str("spec.scaleTargetRef.apiVersion") ?? "apps/v1";
        var targetType = Context.Catalog.FindByKind(apiVersion, kind);
        var targetName = hpa.Str("spec.scaleTargetRef.name") ?? "";
        var target = targetType is null ? null : Context.Api.TryGet(targetType, ns, targetName);
        var now = Context.Clock.GetUtcNow();
        var nowText = Json.Time(now);
        var status = hpa["status"]?.DeepClone() as JsonObject ?? new JsonObject();
        if (target is null || targetType is null)
        {
            var missing = targetType is null ? $"no matches for kind \"{kind}\" in group \"{apiVersion.Split('/')[0]}\"" : $"{targetType.QualifiedName} \"{targetName}\" not found";
            SetConditions(status, nowText, ("AbleToScale", "False", "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {missing}"));
            Context.Events.Warning(hpa, "FailedGetScale", missing, Component);
            Write(hpa, status);
            return Task.CompletedTask;
        }

        var min = hpa.Int("spec.minReplicas") ?? 1;
        var max = hpa.Int("spec.maxReplicas") ?? min;
        var specReplicas = target.Int("spec.replicas") ?? 1;
        if (specReplicas == 0 && min != 0)
        {
            SetConditions(status, nowText, ("ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"));
            status["currentReplicas"] = 0;
            status["desiredReplicas"] = 0;
            Write(hpa, status);
            return Task.CompletedTask;
        }
        var pods = SelectedPods(target, ns);
        var metricSpecs = hpa.Items("spec.metrics").ToList();
        var results = new List<HpaMetricResult>();
        string? error = null;
        foreach (var m in metricSpecs)
        {
            var (result, problem) = HpaMetrics.Evaluate(m, pods);
            if (result is not null) results.Add(result);
            else error ??= problem;
        }

        long proposed = specReplicas;
        string reason;
        if (results.Count > 0)
        {
            proposed = results.Max(r => HpaMetrics.Desired(r.Ratio, specReplicas, pods.Count));
            var best = results.MaxBy(r => HpaMetrics.Desired(r.Ratio, specReplicas, pods.Count))!;
            reason = proposed > specReplicas ? $"{best.Description} above target" : "All metrics below target";
            proposed = Stabilize(key, now, proposed, specReplicas);
            status["currentMetrics"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = r.Resource, ["current"] = r.Current.DeepClone() },
            })]);
            SetConditions(status, nowText, ("ScalingActive", "True", "ValidMetricFound",
                $"the HPA was able to successfully calculate a replica count from {results[0].Description}"));
        }
        else
        {
            reason = "";
            status.Remove("currentMetrics");
            if (error is not null)
            {
                var wasActive = status.Items("conditions").FirstOrDefault(c => c.Str("type") == "ScalingActive")?.Str("status") != "False";
                SetConditions(status, nowText, ("ScalingActive", "False", "FailedGetResourceMetric", $"the HPA was unable to compute the replica count: {error}"));
                if (wasActive) Context.Events.Warning(hpa, "FailedGetResourceMetric", error, Component);
            }
        }

        // Out-of-bounds targets are corrected before metrics count, with the controller's own reasons.
        var desired = Math.Clamp(proposed, min, max);
        if (specReplicas > max) (desired, reason) = (max, "Current number of replicas above Spec.MaxReplicas");
        else if (specReplicas < min) (desired, reason) = (min, "Current number of replicas below Spec.MinReplicas");
        status["currentReplicas"] = target.Int("status.replicas") ?? 0;
        status["desiredReplicas"] = desired;
        if (desired != specReplicas)
        {
            target.Obj("spec")["replicas"] = desired;
            Context.Api.Update(targetType, ns, targetName, target, UserInfo.System);
            status["lastScaleTime"] = nowText;
            Context.Events.Normal(hpa, "SuccessfulRescale", $"New size: {desired}; reason: {reason}", Component);
        }
        var limited = proposed < min ? ("True", "TooFewReplicas", "the desired replica count is less than the minimum replica count")
            : proposed > max ? ("True", "TooManyReplicas", "the desired replica count is more than the maximum replica count")
            : ("False", "DesiredWithinRange", "the desired count is within the acceptable range");
        SetConditions(status, nowText,
            ("AbleToScale", "True", desired != specReplicas ? "SucceededRescale" : "ReadyForNewScale",
                desired != specReplicas ? $"the HPA controller was able to update the target scale to {desired}" : "recommended size matches current size"),
            ("ScalingLimited", limited.Item1, limited.Item2, limited.Item3));
        Write(hpa, status);
        return Task.CompletedTask;
    }

    private List<JsonObject> SelectedPods(JsonObject target, string ns)
    {
        if (target.At("spec.selector") is not JsonObject selector) return [];
        // ReplicationControllers use a plain map, the apps kinds a LabelSelector.
        var parsed = selector.ContainsKey("matchLabels") || selector.ContainsKey("matchExpressions")
            ? LabelSelector.FromObject(selector) : LabelSelector.FromMap(Json.StringMap(selector));
        return Context.Api.List(_pods, ns, parsed)
            .Where(p => p.Str("status.phase") == "Running" && p.At("metadata.deletionTimestamp") is null)
            .ToList();
    }

    /// <summary>Scale-down uses the highest recommendation of the last five minutes, as the default behavior does.</summary>
    private long Stabilize(string key, DateTimeOffset now, long proposed, long current)
    {
        var list = _recommendations.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.RemoveAll(r => now - r.At > StabilizationWindow);
            list.Add((now, proposed));
            return proposed < current ? Math.Min(current, list.Max(r => r.Replicas)) : proposed;
        }
    }

    private void Write(JsonObject hpa, JsonObject status)
    {
        if (JsonNode.DeepEquals(hpa["status"], status)) return;
        hpa["status"] = status;
        Context.Api.Save(_hpas, hpa, "status");
    }

    private static void SetConditions(JsonObject status, string now, params (string Type, string Status, string Reason, string Message)[] conditions)
    {
        var list = status["conditions"] as JsonArray ?? [];
        foreach (var (type, value, reason, message) in conditions)
        {
            var existing = list.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
            if (existing is null)
            {
                existing = new JsonObject { ["type"] = type };
                list.Add(existing);
            }
            if (existing.Str("status") != value) existing["lastTransitionTime"] = now;
            existing["status"] = value;
            existing["reason"] = reason;
            existing["message"] = message;
        }
        status["conditions"] = list;
    }
}
