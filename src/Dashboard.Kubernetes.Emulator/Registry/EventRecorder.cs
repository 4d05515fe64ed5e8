using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Registry;

/// <summary>
/// Records core/v1 Events for simulated components, aggregating repeats into <c>count</c> the way client-go's
/// recorder does, so that a crash-looping pod gives one BackOff event with a rising count rather than hundreds.
/// </summary>
public sealed class EventRecorder(ObjectApi api)
{
    /// <summary>Records an event about <paramref name="involved"/>.</summary>
    public void Record(JsonObject involved, string type, string reason, string message, string component, string? fieldPath = null, string? host = null)
    {
        var events = api.Catalog.Find("", "v1", "events");
        if (events is null) return;
        var ns = involved.Namespace().Length > 0 ? involved.Namespace() : "default";
        var now = api.Clock.GetUtcNow();
        var kind = involved.Str("kind") ?? "";
        var name = involved.Name();
        var key = $"{kind}.{name}.{involved.Uid()}.{reason}.{message}".GetHashCode(StringComparison.Ordinal);
        var eventName = $"{name}.{(uint)key:x8}";
        try
        {
            var existing = api.TryGet(events, ns, eventName);
            if (existing is not null)
            {
                existing["count"] = (existing.Int("count") ?? 1) + 1;
                existing["lastTimestamp"] = Json.Time(now);
                api.Update(events, ns, eventName, existing, UserInfo.System);
                return;
            }
            var involvedRef = new JsonObject
            {
                ["kind"] = kind,
                ["namespace"] = involved.Namespace().Length > 0 ? involved.Namespace() : null,
                ["name"] = name,
                ["uid"] = involved.Uid(),
                ["apiVersion"] = involved.Str("apiVersion"),
                ["resourceVersion"] = involved.Str("metadata.resourceVersion"),
            };
            if (fieldPath is not null) involvedRef["fieldPath"] = fieldPath;
            var ev = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = eventName, ["namespace"] = ns },
                ["involvedObject"] = involvedRef,
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = host is null ? new JsonObject { ["component"] = component } : new JsonObject { ["component"] = component, ["host"] = host },
                ["firstTimestamp"] = Json.Time(now),
                ["lastTimestamp"] = Json.Time(now),
                ["count"] = 1,
                ["type"] = type,
                ["eventTime"] = null,
                ["reportingComponent"] = component,
                ["reportingInstance"] = host ?? "",
            };
            api.Create(events, ns, ev, UserInfo.System);
        }
        catch (ApiException)
        {
            // Events are best effort, as in a real cluster: a terminating namespace or a race must not break a controller.
        }
    }

    /// <summary>Records a Normal event.</summary>
    public void Normal(JsonObject involved, string reason, string message, string component, string? fieldPath = null, string? host = null) =>
        Record(involved, "Normal", reason, message, component, fieldPath, host);

    /// <summary>Records a Warning event.</summary>
    public void Warning(JsonObject involved, string reason, string message, string component, string? fieldPath = null, string? host = null) =>
        Record(involved, "Warning", reason, message, component, fieldPath, host);
}
