using System.Collections.Immutable;

namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>
/// The resources being served right now: the built-in ones plus those of established CRDs.
/// Reads are lock-free over an immutable snapshot because every request consults it.
/// </summary>
public sealed class ResourceCatalog
{
    private ImmutableArray<ResourceType> _types;
    private readonly object _gate = new();

    /// <summary>Creates a catalog serving the built-in kinds.</summary>
    public ResourceCatalog() => _types = [.. BuiltInResources.Types];

    /// <summary>Raised after the set of served resources changed (a CRD was established or removed).</summary>
    public event Action? Changed;

    /// <summary>All served resource types.</summary>
    public ImmutableArray<ResourceType> Types => _types;

    /// <summary>Finds a served resource by group, version and plural (or <c>null</c>).</summary>
    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var t in _types)
            if (t.Plural == plural && t.Group == group && t.Version == version) return t;
        return null;
    }

    /// <summary>Finds the served resource of a kind in a group-version (or <c>null</c>).</summary>
    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        foreach (var t in _types)
            if (t.Kind == kind && t.ApiVersion == apiVersion) return t;
        return null;
    }

    /// <summary>The preferred (first registered) version of a resource in a group.</summary>
    public ResourceType? FindPreferred(string group, string plural)
    {
        foreach (var t in _types)
            if (t.Plural == plural && t.Group == group) return t;
        return null;
    }

    /// <summary>True when at least one resource is served in the group-version.</summary>
    public bool ServesGroupVersion(string group, string version) => _types.Any(t => t.Group == group && t.Version == version);

    /// <summary>Group names in discovery order (core group excluded).</summary>
    public IReadOnlyList<string> Groups() => _types.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct().ToList();

    /// <summary>Versions served for a group, preferred first.</summary>
    public IReadOnlyList<string> Versions(string group) => _types.Where(t => t.Group == group).Select(t => t.Version).Distinct().ToList();

    /// <summary>Replaces every custom resource type that <paramref name="crdName"/> served with <paramref name="types"/>.</summary>
    public void SetCustomResources(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            var kept = _types.Where(t => !(t.IsCustom && t.Key == crdName));
            _types = [.. kept, .. types];
        }
        Changed?.Invoke();
    }
}
