using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>Reads and sets pod conditions the way podutil.UpdatePodCondition does (transition time only moves on a status change).</summary>
internal static class PodConditions
{
    /// <summary>Sets a condition; returns true when anything changed.</summary>
    public static bool Set(JsonObject pod, string type, string status, string? reason, string? message, DateTimeOffset now)
    {
        var st = pod.Obj("status");
        var conditions = st["conditions"] as JsonArray ?? [];
        st["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = existing is not null && existing.Str("status") == status
                ? existing["lastTransitionTime"]?.DeepClone()
                : Json.Time(now),
        };
        if (reason is not null) condition["reason"] = reason;
        if (message is not null) condition["message"] = message;
        if (existing is null)
        {
            conditions.Add(condition);
            return true;
        }
        if (JsonNode.DeepEquals(existing, condition)) return false;
        conditions[conditions.IndexOf(existing)] = condition;
        return true;
    }
}
