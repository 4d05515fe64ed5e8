using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A core/v1 Event as <c>kubectl get events -o wide</c> shows it: last seen, type, reason, object, source, message, count.</summary>
public sealed record EventRow : IResourceRow<EventRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Event.Resource;
    /// <inheritdoc />
    public required string Name { get; init; }
    /// <inheritdoc />
    public string? Namespace { get; init; }
    /// <inheritdoc />
    public required string Uid { get; init; }
    /// <inheritdoc />
    public DateTimeOffset? Created { get; init; }
    /// <inheritdoc />
    public required string Age { get; init; }
    /// <summary>When it last happened (series, lastTimestamp, firstTimestamp or eventTime).</summary>
    public DateTimeOffset? LastSeenAt { get; init; }
    /// <summary>Age of the last occurrence.</summary>
    public required string LastSeen { get; init; }
    /// <summary>Age of the first occurrence.</summary>
    public required string FirstSeen { get; init; }
    /// <summary>Normal or Warning.</summary>
    public required string Type { get; init; }
    /// <summary>The reason (BackOff, FailedScheduling, Pulled...).</summary>
    public required string Reason { get; init; }
    /// <summary>"kind/name" of the object, lower-case kind as kubectl prints it.</summary>
    public required string Object { get; init; }
    /// <summary>The involved object's kind.</summary>
    public required string ObjectKind { get; init; }
    /// <summary>The involved object's name.</summary>
    public required string ObjectName { get; init; }
    /// <summary>The involved object's uid, for joining events to objects.</summary>
    public string? ObjectUid { get; init; }
    /// <summary>fieldPath, e.g. spec.containers{app}.</summary>
    public required string Subobject { get; init; }
    /// <summary>"component, host".</summary>
    public required string Source { get; init; }
    /// <summary>The message, trimmed.</summary>
    public required string Message { get; init; }
    /// <summary>Occurrences.</summary>
    public long Count { get; init; }
    /// <summary>Warning events are Warning; others Ok.</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects an Event.</summary>
    public static EventRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var o = obj.Json;
        var involved = o["involvedObject"];
        var first = Time(o["firstTimestamp"]) ?? Time(o["eventTime"]);
        var last = Time(o["lastTimestamp"]) ?? first;
        var count = L(o["count"]) ?? 0;
        if (o["series"] is JsonObject series)
        {
            last = Time(series["lastObservedTime"]);
            count = L(series["count"]) ?? 0;
        }
        else if (count == 0) count = 1;
        var kind = S(involved.P("kind")) ?? "";
        var name = S(involved.P("name")) ?? "";
        var component = Or(S(o["source"].P("component")), S(o["reportingController"]) ?? "");
        var host = Or(S(o["source"].P("host")), S(o["reportingInstance"]) ?? "");
        var type = S(o["type"]) ?? "";
        return new EventRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            LastSeenAt = last,
            LastSeen = KubeFormat.Age(last, now),
            FirstSeen = KubeFormat.Age(first, now),
            Type = type,
            Reason = S(o["reason"]) ?? "",
            Object = name.Length == 0 ? kind.ToLowerInvariant() : kind.ToLowerInvariant() + "/" + name,
            ObjectKind = kind,
            ObjectName = name,
            ObjectUid = S(involved.P("uid")),
            Subobject = S(involved.P("fieldPath")) ?? "",
            Source = host.Length == 0 ? component : component + ", " + host,
            Message = (S(o["message"]) ?? "").Trim(),
            Count = count,
            Health = type == "Warning" ? RowHealth.Warning : RowHealth.Ok,
        };
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
