using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Patching;

/// <summary>
/// How one list field of a built-in kind merges: by a key field (<c>patchMergeKey</c> / <c>x-kubernetes-list-map-keys</c>),
/// or as a set of primitives when <see cref="MergeKey"/> is null.
/// </summary>
/// <param name="Kind">Kind the rule is limited to, or null for every built-in kind.</param>
/// <param name="Path">Dotted field path the list's own path must end with (list positions are not part of it).</param>
/// <param name="MergeKey">Strategic merge key; null for a primitive set (finalizers).</param>
/// <param name="ApplyKeys">Server-side apply list-map keys when they differ from the merge key (ports add protocol).</param>
internal sealed record ListRule(string? Kind, string Path, string? MergeKey, string[]? ApplyKeys = null)
{
    public string[] Segments { get; } = Path.Split('.');

    /// <summary>Keys identifying an element for server-side apply.</summary>
    public string[] Keys => ApplyKeys ?? (MergeKey is null ? [] : [MergeKey]);

    public bool IsSet => MergeKey is null;
}

/// <summary>
/// The merge rules of built-in kinds' lists, as the Go types declare them (<c>patchStrategy:"merge"</c>,
/// <c>patchMergeKey</c>, <c>listType=map</c>). Every list not named here is atomic: a patch replaces it whole.
/// Custom resources have no Go types, so only the metadata rules apply to them, as in a real server.
/// </summary>
internal static class ListRules
{
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    private static readonly ListRule[] Rules =
    [
        new("Service", "spec.ports", "port", ["port", "protocol"]),
        new("ServiceAccount", "secrets", "name"),
        new(null, "metadata.finalizers", null),
        new(null, "metadata.ownerReferences", "uid"),
        .. ContainerLists.Select(c => new ListRule(null, c, "name")),
        .. ContainerLists.Select(c => new ListRule(null, c + ".env", "name")),
        .. ContainerLists.Select(c => new ListRule(null, c + ".ports", "containerPort", ["containerPort", "protocol"])),
        .. ContainerLists.Select(c => new ListRule(null, c + ".volumeMounts", "mountPath")),
        .. ContainerLists.Select(c => new ListRule(null, c + ".volumeDevices", "devicePath")),
        new(null, "spec.volumes", "name"),
        new(null, "imagePullSecrets", "name"),
        new(null, "hostAliases", "ip"),
        new(null, "topologySpreadConstraints", "topologyKey", ["topologyKey", "whenUnsatisfiable"]),
        new(null, "spec.resourceClaims", "name"),
        new(null, "schedulingGates", "name"),
        new(null, "status.conditions", "type"),
        new(null, "status.addresses", "type"),
        new("Node", "spec.podCIDRs", null),
    ];

    /// <summary>Label selectors are atomic structs: applying one replaces it, and it is owned as a single field.</summary>
    private static readonly string[] AtomicMaps = ["selector", "podSelector", "namespaceSelector", "labelSelector"];

    /// <summary>The rule for the list at <paramref name="path"/> (field names from the object root), or null when atomic.</summary>
    public static ListRule? Find(ResourceType rt, IReadOnlyList<string> path)
    {
        foreach (var rule in Rules)
        {
            if (rule.Kind is not null && (rt.IsCustom || rule.Kind != rt.Kind)) continue;
            if (rt.IsCustom && rule.Segments[0] != "metadata") continue;
            if (EndsWith(path, rule.Segments)) return rule;
        }
        return null;
    }

    /// <summary>True for maps that are replaced and owned whole (label selectors).</summary>
    public static bool IsAtomicMap(ResourceType rt, IReadOnlyList<string> path) =>
        !rt.IsCustom && path.Count > 1 && AtomicMaps.Contains(path[^1]) && path[0] == "spec";

    private static bool EndsWith(IReadOnlyList<string> path, string[] suffix)
    {
        if (path.Count < suffix.Length) return false;
        var offset = path.Count - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
            if (path[offset + i] != suffix[i]) return false;
        return true;
    }
}
