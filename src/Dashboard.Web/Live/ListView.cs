using Dashboard.Kubernetes.Models;
using Dashboard.Web.Columns;

namespace Dashboard.Web.Live;

/// <summary>
/// Filtering and sorting of a list page, kept apart from the grid so it can be tested on plain objects. The name
/// filter is a case-insensitive substring of name or namespace (kubectl users type fragments); sorting is stable
/// and falls back to namespace/name so equal keys keep a predictable order.
/// </summary>
public sealed class ListView(ResourceKind kind, ColumnRegistry registry)
{
    /// <summary>Sort by name.</summary>
    public const string ByName = "name";
    /// <summary>Sort by namespace.</summary>
    public const string ByNamespace = "namespace";
    /// <summary>Sort by age (newest first when ascending, as kubectl users read "AGE").</summary>
    public const string ByAge = "age";
    /// <summary>Sort by status text.</summary>
    public const string ByStatus = "status";
    /// <summary>Prefix of kind-specific column sort keys.</summary>
    public const string ColumnPrefix = "c:";

    /// <summary>The kind shown.</summary>
    public ResourceKind Kind { get; } = kind;

    /// <summary>The kind-specific columns.</summary>
    public IReadOnlyList<ResourceColumn> Columns { get; } = registry.Columns(kind);

    /// <summary>Filters and sorts.</summary>
    public List<KubeObject> Apply(IEnumerable<KubeObject> items, string? filter, string? sortBy, bool descending, DateTimeOffset now)
    {
        var query = items;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var f = filter.Trim();
            query = query.Where(o => o.Name.Contains(f, StringComparison.OrdinalIgnoreCase)
                || (o.Namespace?.Contains(f, StringComparison.OrdinalIgnoreCase) ?? false));
        }
        var key = KeyOf(sortBy ?? ByName, now);
        var ordered = descending
            ? query.OrderByDescending(key, KeyComparer.Instance)
            : query.OrderBy(key, KeyComparer.Instance);
        return ordered.ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The status badge of an object.</summary>
    public ResourceStatus Status(KubeObject obj, DateTimeOffset now) => registry.Status(Kind, obj, now);

    private Func<KubeObject, IComparable?> KeyOf(string sortBy, DateTimeOffset now)
    {
        switch (sortBy)
        {
            case ByNamespace: return o => o.Namespace;
            // Younger first: ascending age means a later creation time.
            case ByAge: return o => o.CreationTimestamp is { } c ? -c.UtcTicks : long.MinValue;
            case ByStatus: return o => Status(o, now).Text;
            case ByName: return o => o.Name;
        }
        if (sortBy.StartsWith(ColumnPrefix, StringComparison.Ordinal))
        {
            var column = Columns.FirstOrDefault(c => c.Id == sortBy[ColumnPrefix.Length..]);
            if (column is not null) return column.Sort is { } s ? o => s(o, now) : o => column.Text(o, now);
        }
        return o => o.Name;
    }

    private sealed class KeyComparer : IComparer<IComparable?>
    {
        public static KeyComparer Instance { get; } = new();

        public int Compare(IComparable? x, IComparable? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => x.GetType() == y.GetType() ? x.CompareTo(y) : string.CompareOrdinal(x.ToString(), y.ToString()),
        };
    }
}
