using System.Collections.Immutable;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes;

/// <summary>
/// The one registry of kinds: seeded with the built-in typed models and extended by discovery (CRDs, aggregated APIs,
/// preferred versions, verbs, subresources, short names). Lookups are lock-free over an immutable snapshot.
/// </summary>
public sealed class ResourceKinds
{
    private ImmutableArray<ResourceKind> _kinds;

    /// <summary>A registry holding the built-in kinds.</summary>
    public ResourceKinds() => _kinds = [.. BuiltInKinds.All];

    /// <summary>Raised after discovery changed the set of kinds.</summary>
    public event Action? Changed;

    /// <summary>Every known kind, preferred versions first within a group.</summary>
    public ImmutableArray<ResourceKind> All => _kinds;

    /// <summary>Finds by group and plural (any version, preferred first).</summary>
    public ResourceKind? Find(string group, string plural)
    {
        foreach (var k in _kinds)
            if (k.Group == group && k.Plural == plural) return k;
        return null;
    }

    /// <summary>Finds by apiVersion and kind.</summary>
    public ResourceKind? FindByKind(string apiVersion, string kind)
    {
        foreach (var k in _kinds)
            if (k.Kind == kind && k.ApiVersion == apiVersion) return k;
        foreach (var k in _kinds)
            if (k.Kind == kind && apiVersion.StartsWith(k.Group + "/", StringComparison.Ordinal)) return k;
        return null;
    }

    /// <summary>Resolves what a person types, as kubectl does: plural, singular, short name or kind, optionally <c>name.group</c>.</summary>
    public ResourceKind? Resolve(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        string? group = null;
        var dot = t.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            group = t[(dot + 1)..];
            t = t[..dot];
        }
        foreach (var k in _kinds)
        {
            if (group is not null && k.Group != group) continue;
            if (k.Plural == t || k.Singular == t || k.ShortNames.Contains(t) || k.Kind.Equals(t, StringComparison.OrdinalIgnoreCase)) return k;
        }
        return null;
    }

    /// <summary>Replaces the kinds of the given groups with discovered ones, keeping kinds of other groups.</summary>
    public void Update(IEnumerable<ResourceKind> discovered)
    {
        var list = discovered.ToList();
        var groups = list.Select(k => k.Group).ToHashSet(StringComparer.Ordinal);
        _kinds = [.. list, .. _kinds.Where(k => !groups.Contains(k.Group))];
        Changed?.Invoke();
    }
}
