using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Live;

/// <summary>
/// One row of a list page: the object's current version with the keys the list filters and sorts by, read once per
/// version. Two rows are equal when they show the same namespace/name, whatever the version: the grid keys its row
/// components by item, so a modified object re-renders its row in place instead of replacing it, and a click that is
/// on its way while the row updates (a checkbox, a link) still lands.
/// </summary>
public sealed class ListRow(KubeObject obj, string name, string ns, IComparable? sort) : IEquatable<ListRow>
{
    /// <summary>The object, as last seen.</summary>
    public KubeObject Object { get; } = obj;

    /// <summary>metadata.name.</summary>
    public string Name { get; } = name;

    /// <summary>metadata.namespace, or "" for cluster-scoped objects.</summary>
    public string Namespace { get; } = ns;

    internal IComparable? Sort { get; set; } = sort;

    internal int Generation { get; set; }

    /// <inheritdoc />
    public bool Equals(ListRow? other) => other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ListRow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Namespace, Name);
}
