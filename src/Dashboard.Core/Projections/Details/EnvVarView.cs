using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections.Details;

/// <summary>Where an environment variable's value comes from.</summary>
public enum EnvSource
{
    /// <summary>A literal value.</summary>
    Value,
    /// <summary>A key of a ConfigMap.</summary>
    ConfigMapKey,
    /// <summary>A key of a Secret (the value is never read).</summary>
    SecretKey,
    /// <summary>A field of the pod (metadata.name, status.podIP...).</summary>
    Field,
    /// <summary>A resource of the container (limits.memory...).</summary>
    ResourceField,
    /// <summary>A source this dashboard does not know.</summary>
    Other,
}

/// <summary>One env entry of a container.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Source">Where its value comes from.</param>
/// <param name="Value">The literal value, or the field path / resource for Field and ResourceField.</param>
/// <param name="Reference">The ConfigMap or Secret referred to, for ConfigMapKey and SecretKey.</param>
/// <param name="Key">The key within that object.</param>
public sealed record EnvVarView(string Name, EnvSource Source, string? Value, ObjectReference? Reference, string? Key)
{
    /// <summary>The env entries of a container.</summary>
    public static IReadOnlyList<EnvVarView> From(JsonNode? env) => Objects(env).Select(e =>
    {
        var name = S(e["name"]) ?? "";
        var from = e["valueFrom"];
        if (from.P("configMapKeyRef") is JsonObject cm)
            return new EnvVarView(name, EnvSource.ConfigMapKey, null, new ObjectReference("ConfigMap", S(cm["name"]) ?? "", B(cm["optional"]) == true), S(cm["key"]));
        if (from.P("secretKeyRef") is JsonObject sk)
            return new EnvVarView(name, EnvSource.SecretKey, null, new ObjectReference("Secret", S(sk["name"]) ?? "", B(sk["optional"]) == true), S(sk["key"]));
        if (from.P("fieldRef") is JsonObject f)
            return new EnvVarView(name, EnvSource.Field, S(f["fieldPath"]), null, null);
        if (from.P("resourceFieldRef") is JsonObject r)
            return new EnvVarView(name, EnvSource.ResourceField, S(r["resource"]), null, S(r["containerName"]));
        if (from is not null) return new EnvVarView(name, EnvSource.Other, null, null, null);
        return new EnvVarView(name, EnvSource.Value, S(e["value"]) ?? "", null, null);
    }).ToList();
}

/// <summary>An envFrom entry: every key of a ConfigMap or Secret, optionally prefixed.</summary>
/// <param name="Reference">The ConfigMap or Secret.</param>
/// <param name="Prefix">The prefix added to each key, if any.</param>
public sealed record EnvFromView(ObjectReference Reference, string? Prefix)
{
    /// <summary>The envFrom entries of a container.</summary>
    public static IReadOnlyList<EnvFromView> From(JsonNode? envFrom)
    {
        var list = new List<EnvFromView>();
        foreach (var e in Objects(envFrom))
        {
            var prefix = S(e["prefix"]) is { Length: > 0 } p ? p : null;
            if (e["configMapRef"] is JsonObject cm) list.Add(new(new ObjectReference("ConfigMap", S(cm["name"]) ?? "", B(cm["optional"]) == true), prefix));
            else if (e["secretRef"] is JsonObject s) list.Add(new(new ObjectReference("Secret", S(s["name"]) ?? "", B(s["optional"]) == true), prefix));
        }
        return list;
    }
}
