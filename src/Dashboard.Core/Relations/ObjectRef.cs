using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

/// <summary>
/// The identity of an object at one end of a relation: enough to link to its detail page (apiVersion and kind resolve
/// through <c>ResourceKinds.FindByKind</c>) even when the object itself does not exist.
/// </summary>
/// <param name="ApiVersion"><c>v1</c> or <c>group/version</c>.</param>
/// <param name="Kind">The kind, e.g. <c>ReplicaSet</c>.</param>
/// <param name="Namespace">The namespace, or null for cluster-scoped objects.</param>
/// <param name="Name">The name.</param>
/// <param name="Uid">The uid, when known (always for objects that exist, from an owner reference for missing owners).</param>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name, string? Uid = null)
{
    /// <summary>The API group ("" for the core group).</summary>
    public string Group => GroupOf(ApiVersion);

    /// <summary>The reference of an existing object.</summary>
    public static ObjectRef Of(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(obj.ApiVersion, obj.Kind, string.IsNullOrEmpty(obj.Namespace) ? null : obj.Namespace, obj.Name, obj.Uid.Length == 0 ? null : obj.Uid);
    }

    /// <summary>A reference to an object of a known resource by namespace and name.</summary>
    public static ObjectRef To(ResourceKind kind, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new(kind.ApiVersion, kind.Kind, kind.Namespaced ? ns : null, name);
    }

    /// <summary>True when both name the same object (group, kind, namespace and name; versions and uids aside).</summary>
    public bool SameObject(ObjectRef other) => other is not null && NameKey.Of(this) == NameKey.Of(other);

    /// <summary><c>Kind namespace/name</c>, as kubectl prints a reference.</summary>
    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    internal static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}

/// <summary>What names an object regardless of version and uid: the key references by name are resolved with.</summary>
internal readonly record struct NameKey(string Group, string Kind, string Namespace, string Name)
{
    public static NameKey Of(ObjectRef r) => new(r.Group, r.Kind, r.Namespace ?? "", r.Name);

    public static NameKey Of(ResourceKind kind, string? ns, string name) => new(kind.Group, kind.Kind, kind.Namespaced ? ns ?? "" : "", name);

    public KindKey KindKey => new(Group, Kind);
}

/// <summary>A kind regardless of version.</summary>
internal readonly record struct KindKey(string Group, string Kind)
{
    public static KindKey Of(ResourceKind kind) => new(kind.Group, kind.Kind);
}
