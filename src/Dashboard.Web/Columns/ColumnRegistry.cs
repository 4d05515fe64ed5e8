using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Columns;

/// <summary>The column sets by kind; the generic list page asks it instead of switching on kind names.</summary>
public sealed class ColumnRegistry(IEnumerable<IColumnSet> sets)
{
    private readonly Dictionary<string, IColumnSet> _byKind = sets.ToDictionary(s => s.Kind.QualifiedName, StringComparer.Ordinal);

    /// <summary>The kind's columns, or none.</summary>
    public IReadOnlyList<ResourceColumn> Columns(ResourceKind kind) => _byKind.TryGetValue(kind.QualifiedName, out var s) ? s.Columns : [];

    /// <summary>The kind's status of an object: its own projection, or the generic one.</summary>
    public ResourceStatus Status(ResourceKind kind, KubeObject obj, DateTimeOffset now) =>
        _byKind.TryGetValue(kind.QualifiedName, out var s) ? s.Status(obj, now) : GenericStatus.Of(obj);
}
