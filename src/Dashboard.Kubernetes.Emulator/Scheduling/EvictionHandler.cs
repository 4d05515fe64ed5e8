using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>
/// <c>POST pods/{name}/eviction</c> (policy/v1 Eviction), as pkg/registry/core/pod/storage/eviction.go: pods that are
/// not running or already terminating go at once; otherwise the one matching PodDisruptionBudget must allow a
/// disruption (429 with a DisruptionBudget cause when it does not), which is then consumed before the pod is deleted
/// with the eviction's DeleteOptions and marked with the DisruptionTarget condition.
/// </summary>
internal static class EvictionHandler
{
    private const string BudgetViolated = "Cannot evict pod as it would violate the pod's disruption budget.";

    public static async Task HandleAsync(ApiRequest request)
    {
        if (!string.Equals(request.Http.Request.Method, "POST", StringComparison.OrdinalIgnoreCase))
            throw ApiException.MethodNotSupported("pods/eviction", request.Http.Request.Method);
        var context = request.Context;
        var info = request.Info;
        var pods = context.Type("", "pods");
        var eviction = await request.ReadObjectAsync().ConfigureAwait(false);
        if (eviction.Name() is { Length: > 0 } bodyName && bodyName != info.Name)
            throw ApiException.BadRequest("name in URL does not match name in Eviction object");
        var deleteOptions = eviction["deleteOptions"] as JsonObject;
        var dryRun = request.DryRun || (deleteOptions?["dryRun"] is JsonArray d && d.Any(x => x?.ToString() == "All"));

        for (var attempt = 0; ; attempt++)
        {
            var pod = context.Api.Get(pods, info.Namespace, info.Name);
            try
            {
                Evict(context, request.User, pod, deleteOptions, dryRun);
                break;
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && attempt < 5)
            {
                // The budget's status moved under us: re-read and decide again, as the real handler retries.
            }
        }
        await request.WriteAsync(201, BindingHandler.Success(201)).ConfigureAwait(false);
    }

    private static void Evict(EmulatorContext context, UserInfo user, JsonObject pod, JsonObject? deleteOptions, bool dryRun)
    {
        var phase = pod.Str("status.phase") ?? "Pending";
        if (pod.At("metadata.deletionTimestamp") is not null || phase is "Succeeded" or "Failed" or "Pending")
        {
            Delete(context, user, pod, deleteOptions, dryRun);
            return;
        }
        var stored = context.Store.Get(context.Type("", "pods"), pod.Namespace(), pod.Name())!;
        var budgets = DisruptionBudget.For(context, stored);
        if (budgets.Count > 1)
            throw ApiException.Internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        if (budgets.Count == 0)
        {
            Delete(context, user, pod, deleteOptions, dryRun);
            return;
        }
        var pdb = budgets[0];
        if ((pdb.Int("status.observedGeneration") ?? 0) < (pdb.Int("metadata.generation") ?? 1))
            throw TooManyRequests($"The disruption budget {pdb.Name()} is still being processed by the server.", 10);
        var current = pdb.Int("status.currentHealthy") ?? 0;
        var desired = pdb.Int("status.desiredHealthy") ?? 0;
        if (!DisruptionBudget.IsReady(pod))
        {
            // An unready pod does not count as healthy: evicting it costs nothing when the budget is already met.
            if (pdb.Str("spec.unhealthyPodEvictionPolicy") == "AlwaysAllow" || (current >= desired && desired > 0))
            {
                Delete(context, user, pod, deleteOptions, dryRun);
                return;
            }
        }
        var allowed = pdb.Int("status.disruptionsAllowed") ?? 0;
        if (allowed < 0) throw ApiException.Forbidden("pdb disruptions allowed is negative");
        if (allowed == 0)
            throw TooManyRequests($"The disruption budget {pdb.Name()} needs {desired} healthy pods and has {current} currently", 0);
        if (!dryRun)
        {
            var status = pdb.Obj("status");
            status["disruptionsAllowed"] = allowed - 1;
            var disrupted = status["disruptedPods"] as JsonObject ?? new JsonObject();
            disrupted[pod.Name()] = Json.Time(context.Clock.GetUtcNow());
            status["disruptedPods"] = disrupted;
            context.Api.Update(context.Type("policy", "poddisruptionbudgets"), pdb.Namespace(), pdb.Name(), pdb, UserInfo.System,
                new WriteOptions { Subresource = "status" });
        }
        Delete(context, user, pod, deleteOptions, dryRun);
    }

    private static void Delete(EmulatorContext context, UserInfo user, JsonObject pod, JsonObject? options, bool dryRun)
    {
        var pods = context.Type("", "pods");
        if (dryRun) return;
        if (pod.At("metadata.deletionTimestamp") is null)
        {
            var now = context.Clock.GetUtcNow();
            if (PodConditions.Set(pod, "DisruptionTarget", "True", "EvictionByEvictionAPI", "Eviction API: evicting", now))
            {
                try { pod = context.Api.Update(pods, pod.Namespace(), pod.Name(), pod, UserInfo.System, new WriteOptions { Subresource = "status" }); }
                catch (ApiException e) when (e.Code == 409) { }
            }
        }
        context.Api.Delete(pods, pod.Namespace(), pod.Name(), user, new DeleteOptions
        {
            GracePeriodSeconds = options.Int("gracePeriodSeconds"),
            PropagationPolicy = options.Str("propagationPolicy"),
            PreconditionUid = options.Str("preconditions.uid"),
            PreconditionResourceVersion = options.Str("preconditions.resourceVersion"),
        });
    }

    private static ApiException TooManyRequests(string cause, int retryAfter)
    {
        var details = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = cause }),
        };
        if (retryAfter > 0) details["retryAfterSeconds"] = retryAfter;
        return new ApiException(429, "TooManyRequests", BudgetViolated, details, retryAfter > 0 ? retryAfter : null);
    }
}
