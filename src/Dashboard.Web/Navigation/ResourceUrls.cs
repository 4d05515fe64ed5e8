using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Navigation;

/// <summary>
/// The stable, shareable URLs of the resource pages. Lists: <c>/{kind}?ns=a,b&amp;q=&amp;label=&amp;field=</c>;
/// details: <c>/ns/{namespace}/{kind}/{name}</c>, or <c>/cluster/{kind}/{name}</c> for cluster-scoped kinds. The kind
/// segment is the qualified resource name (<c>pods</c>, <c>deployments.apps</c>), unique across groups.
/// </summary>
public static class ResourceUrls
{
    /// <summary>The list page of a kind.</summary>
    public static string List(ResourceKind kind, IReadOnlyCollection<string>? namespaces = null)
    {
        var url = "/" + Uri.EscapeDataString(kind.QualifiedName);
        return kind.Namespaced && namespaces is { Count: > 0 } ? $"{url}?ns={Uri.EscapeDataString(string.Join(',', namespaces))}" : url;
    }

    /// <summary>The detail page of an object.</summary>
    public static string Details(ResourceKind kind, string? ns, string name) =>
        kind.Namespaced && !string.IsNullOrEmpty(ns)
            ? $"/ns/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(kind.QualifiedName)}/{Uri.EscapeDataString(name)}"
            : $"/cluster/{Uri.EscapeDataString(kind.QualifiedName)}/{Uri.EscapeDataString(name)}";

    /// <summary>The detail page of a cached object.</summary>
    public static string Details(ResourceKind kind, KubeObject obj) => Details(kind, obj.Namespace, obj.Name);
}
