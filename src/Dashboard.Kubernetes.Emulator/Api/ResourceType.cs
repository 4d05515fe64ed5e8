namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>What the emulator knows about one served resource: the facts discovery publishes and routing needs.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Subresources)
{
    /// <summary>Verbs every stored resource supports.</summary>
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Verbs served for this resource (read-only kinds such as metrics narrow them).</summary>
    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    /// <summary>Singular lower-case name, as discovery reports it.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary><c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Storage key shared by every version of the resource: <c>plural.group</c>.</summary>
    public string Key => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Name used in API messages, e.g. <c>deployments.apps</c> or <c>pods</c>.</summary>
    public string QualifiedName => Key;

    /// <summary>The list kind, e.g. <c>PodList</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>True when the main resource ignores status changes because <c>/status</c> owns them.</summary>
    public bool HasStatus => Subresources.Contains("status");

    /// <summary>True when the object is a custom resource served for a CRD.</summary>
    public bool IsCustom { get; init; }

    /// <summary>True when the resource is virtual (reviews, metrics): no storage, handled by a special handler.</summary>
    public bool IsVirtual { get; init; }
}
