using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Dashboard.Core.Projections;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Columns.Workloads;

/// <summary>
/// One projection per object per render: every column of a row asks for the same row, so it is kept beside the
/// object's JSON (weakly: it goes when the object is replaced by the next watch event) until the time or culture changes.
/// </summary>
internal sealed class RowMemo<TRow> where TRow : IResourceRow<TRow>
{
    private sealed record Entry(DateTimeOffset Now, string Culture, TRow Row);

    private readonly ConditionalWeakTable<JsonObject, Entry> _rows = [];

    /// <summary>The row at <paramref name="now"/>.</summary>
    public TRow Get(KubeObject obj, DateTimeOffset now) => Get(obj, now, exact: true);

    /// <summary>
    /// The row for what does not depend on the time (status, health, counts, sort keys): any row of this version of
    /// the object will do, so re-sorting 30,000 rows on each watch batch does not re-project rows already seen.
    /// </summary>
    public TRow Timeless(KubeObject obj, DateTimeOffset now) => Get(obj, now, exact: false);

    private TRow Get(KubeObject obj, DateTimeOffset now, bool exact)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        if (_rows.TryGetValue(obj.Json, out var e) && (!exact || e.Now == now) && e.Culture == culture) return e.Row;
        var row = TRow.From(obj, now);
        _rows.AddOrUpdate(obj.Json, new Entry(now, culture, row));
        return row;
    }
}

/// <summary>Builds the columns of a row type and maps row health to a badge tone.</summary>
internal static class WorkloadColumn
{
    public static ResourceColumn Of<TRow>(RowMemo<TRow> memo, string id, string titleKey, Func<TRow, string> text,
        Func<TRow, IComparable?>? sort = null, string? width = null) where TRow : IResourceRow<TRow> =>
        new(id, titleKey, (o, now) => text(memo.Get(o, now)))
        {
            // Sorting never re-projects for the time alone: text-only columns sort by their timeless text.
            Sort = sort is null ? (o, now) => text(memo.Timeless(o, now)) : (o, now) => sort(memo.Timeless(o, now)),
            TitleResource = typeof(Resources.ProjectionStrings),
            Width = width,
        };

    public static StatusTone Tone(RowHealth health) => health switch
    {
        RowHealth.Ok or RowHealth.Completed => StatusTone.Good,
        RowHealth.Progressing or RowHealth.Warning => StatusTone.Warning,
        RowHealth.Failed => StatusTone.Bad,
        _ => StatusTone.Neutral,
    };

    /// <summary>Resource key of a health word.</summary>
    public static string HealthKey(RowHealth health) => "Health_" + health;
}
