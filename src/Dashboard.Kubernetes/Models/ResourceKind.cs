namespace Dashboard.Kubernetes.Models;

/// <summary>
/// What the client knows about one resource: the facts needed to build URLs and decide what can be done with it.
/// Built-in kinds come from typed models' constants; others from discovery (CRDs, aggregated APIs).
/// </summary>
public sealed record ResourceKind(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary>Singular lower-case name.</summary>
    public string Singular { get; init; } = Kind.ToLowerInvariant();
    /// <summary>Short names (po, deploy...).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    /// <summary>Categories (all...).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>Verbs the server allows.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    /// <summary>Subresources (status, scale, log, exec...).</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];
    /// <summary>True for custom resources (CRDs): strategic merge patch is not available for them.</summary>
    public bool IsCustom { get; init; }

    /// <summary><c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>plural</c> or <c>plural.group</c>, as the API names the resource in messages and RBAC.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>True when the server lists and watches this resource.</summary>
    public bool CanWatch => Verbs.Contains("list") && Verbs.Contains("watch");

    /// <summary>The collection path, e.g. <c>/apis/apps/v1/namespaces/web/deployments</c>; null namespace means all namespaces.</summary>
    public string CollectionPath(string? ns = null)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
    }

    /// <summary>The path of one object, optionally of a subresource.</summary>
    public string ItemPath(string? ns, string name, string? subresource = null)
    {
        if (Namespaced && string.IsNullOrEmpty(ns)) throw new ArgumentException($"{QualifiedName} is namespaced: a namespace is required", nameof(ns));
        var path = $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    /// <inheritdoc />
    public override string ToString() => QualifiedName;
}

/// <summary>Implemented by typed models so that generic code can find the kind from the type and wrap JSON as it.</summary>
public interface IKubeKind<TSelf> where TSelf : KubeObject, IKubeKind<TSelf>
{
    /// <summary>The resource the type models.</summary>
    static abstract ResourceKind Resource { get; }

    /// <summary>Wraps JSON as the typed model (not copied).</summary>
    static abstract TSelf Wrap(System.Text.Json.Nodes.JsonObject json);
}
