using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The horizontal-pod-autoscaler controller without a metrics pipeline: it keeps the scale target within
/// min/max replicas and reports currentReplicas/desiredReplicas and the AbleToScale/ScalingLimited conditions.
/// </summary>
internal sealed class HorizontalPodAutoscalerController(EmulatorContext context) : ReconcilingController(context)
{
    private const string Component = "horizontal-pod-autoscaler";
    private readonly ResourceType _hpas = context.Type("autoscaling", "horizontalpodautoscalers");

    protected override IEnumerable<ResourceType> Watched =>
        [_hpas, .. Context.Catalog.Types.Where(t => t.Subresources.Contains("scale")).GroupBy(t => t.Key).Select(g => g.First())];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var o = change.Object;
        if (o.Type.Key == _hpas.Key) return change.Type == WatchEventType.Deleted ? [] : [o.Key];
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
        var now = Json.Time(Context.Clock.GetUtcNow());
        var status = hpa["status"]?.DeepClone() as JsonObject ?? new JsonObject();
        if (target is null || targetType is null)
        {
            SetConditions(status, now,
                ("AbleToScale", "False", "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {(targetType is null ? $"no matches for kind \"{kind}\" in group \"{apiVersion.Split('/')[0]}\"" : $"{targetType.QualifiedName} \"{targetName}\" not found")}"));
            Context.Events.Warning(hpa, "FailedGetScale", $"{targetType?.QualifiedName ?? kind} \"{targetName}\" not found", Component);
            Write(hpa, status);
            return Task.CompletedTask;
        }
        var min = hpa.Int("spec.minReplicas") ?? 1;
        var max = hpa.Int("spec.maxReplicas") ?? min;
        var specReplicas = target.Int("spec.replicas") ?? 1;
        var desired = Math.Clamp(specReplicas, min, max);
        status["currentReplicas"] = target.Int("status.replicas") ?? 0;
        status["desiredReplicas"] = desired;
        if (desired != specReplicas)
        {
            target.Obj("spec")["replicas"] = desired;
            Context.Api.Update(targetType, ns, targetName, target, UserInfo.System);
            status["lastScaleTime"] = now;
            var why = desired > specReplicas ? "Current number of replicas below Spec.MinReplicas" : "Current number of replicas above Spec.MaxReplicas";
            Context.Events.Normal(hpa, "SuccessfulRescale", $"New size: {desired}; reason: {why}", Component);
        }
        var limited = specReplicas < min ? ("True", "TooFewReplicas", "the desired replica count is less than the minimum replica count")
            : specReplicas > max ? ("True", "TooManyReplicas", "the desired replica count is more than the maximum replica count")
            : ("False", "DesiredWithinRange", "the desired count is within the acceptable range");
        SetConditions(status, now,
            ("AbleToScale", "True", desired != specReplicas ? "SucceededRescale" : "ReadyForNewScale",
                desired != specReplicas ? $"the HPA controller was able to update the target scale to {desired}" : "recommended size matches current size"),
            ("ScalingLimited", limited.Item1, limited.Item2, limited.Item3));
        Write(hpa, status);
        return Task.CompletedTask;
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
