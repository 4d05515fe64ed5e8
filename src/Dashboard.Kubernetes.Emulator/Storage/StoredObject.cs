using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;

namespace Dashboard.Kubernetes.Emulator.Storage;

/// <summary>
/// One object as stored: its serialized JSON plus the few values selectors need. Kept as bytes rather than a DOM
/// because 30,000 pods as <see cref="JsonObject"/> trees would cost several times the memory; handlers parse on demand.
/// </summary>
public sealed class StoredObject
{
    internal StoredObject(ResourceType type, JsonObject obj, long resourceVersion)
    {
        Type = type;
        Namespace = obj.Namespace();
        Name = obj.Name();
        Uid = obj.Uid();
        ResourceVersion = resourceVersion;
        Labels = obj.Labels();
        Fields = FieldIndex.Extract(type, obj);
        Bytes = Json.Bytes(obj);
    }

    /// <summary>The resource type the object belongs to.</summary>
    public ResourceType Type { get; }
    /// <summary>Namespace ("" for cluster-scoped).</summary>
    public string Namespace { get; }
    /// <summary>Name.</summary>
    public string Name { get; }
    /// <summary>UID.</summary>
    public string Uid { get; }
    /// <summary>The resourceVersion this state was written at.</summary>
    public long ResourceVersion { get; }
    /// <summary>Labels, for label selectors.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }
    /// <summary>Values of the selectable fields of the kind, for field selectors.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }
    /// <summary>The object serialized as UTF-8 JSON.</summary>
    public byte[] Bytes { get; }

    /// <summary>A fresh, mutable copy of the object.</summary>
    public JsonObject ToJson() => Json.Parse(Bytes);

    /// <summary>Storage key within a resource: <c>namespace/name</c>.</summary>
    public string Key => StoreKey(Namespace, Name);

    internal static string StoreKey(string ns, string name) => ns + "/" + name;
}

/// <summary>Watch event types as they appear on the wire.</summary>
public enum WatchEventType
{
    /// <summary>Object created (or synthetic initial state).</summary>
    Added,
    /// <summary>Object changed.</summary>
    Modified,
    /// <summary>Object removed.</summary>
    Deleted,
}

/// <summary>A committed change, in resourceVersion order; <paramref name="Previous"/> is the state it replaced (for MODIFIED).</summary>
public sealed record StoredEvent(WatchEventType Type, StoredObject Object, StoredObject? Previous = null)
{
    /// <summary>The wire name: ADDED, MODIFIED or DELETED.</summary>
    public string WireType => Type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
