using Dashboard.Kubernetes.Models;
using Dashboard.Web.Live;

namespace Dashboard.Web.Components.Actions;

/// <summary>
/// The rows selected on a list page, by uid. Rows that disappear from the list (deleted, filtered out) stop counting
/// as selected without being forgotten, so a selection survives a transient filter.
/// </summary>
public sealed class RowSelection
{
    private readonly HashSet<string> _uids = new(StringComparer.Ordinal);

    /// <summary>True when the object is selected.</summary>
    public bool Contains(KubeObject obj) => _uids.Contains(obj.Uid);

    /// <summary>Selects or deselects one object.</summary>
    public void Set(KubeObject obj, bool selected)
    {
        if (selected) _uids.Add(obj.Uid);
        else _uids.Remove(obj.Uid);
    }

    /// <summary>Selects or deselects all the given rows.</summary>
    public void SetAll(IEnumerable<ListRow> rows, bool selected)
    {
        foreach (var row in rows) Set(row.Object, selected);
    }

    /// <summary>Forgets the selection.</summary>
    public void Clear() => _uids.Clear();

    /// <summary>The selected objects among <paramref name="rows"/>, in the rows' order.</summary>
    public IReadOnlyList<KubeObject> Of(IReadOnlyList<ListRow> rows) => _uids.Count == 0 ? [] : rows.Select(r => r.Object).Where(o => _uids.Contains(o.Uid)).ToList();

    /// <summary>True when every row is selected (and there is at least one).</summary>
    public bool All(IReadOnlyList<ListRow> rows) => rows.Count > 0 && _uids.Count >= rows.Count && rows.All(r => _uids.Contains(r.Object.Uid));
}
