using Dashboard.Kubernetes.Models;
using Dashboard.Web.Navigation;

namespace Dashboard.Web.Palette;

/// <summary>One entry of the command palette: a kind's list page or an object's detail page.</summary>
/// <param name="Title">What is shown (a kind's title or an object's name).</param>
/// <param name="Detail">The secondary text (the kind and namespace of an object, the API name of a kind).</param>
/// <param name="Url">Where Enter goes.</param>
/// <param name="IsKind">True for a kind, false for an object.</param>
internal sealed record PaletteItem(string Title, string Detail, string Url, bool IsKind);

/// <summary>An object found in the live cache, with its kind (objects of every kind share one search).</summary>
internal readonly record struct PaletteObject(ResourceKind Kind, KubeObject Object);

/// <summary>
/// Ranks kinds and objects against what the user typed: exact match first, then prefix, then substring, ties by
/// name. Pure, so it is tested without a browser; one pass over the objects (no per-keystroke index is needed for
/// tens of thousands of names).
/// </summary>
internal static class PaletteSearch
{
    /// <summary>Kinds whose plural, singular, kind, short name, API name or (translated) title match the query.</summary>
    public static IReadOnlyList<PaletteItem> Kinds(IEnumerable<ResourceKind> kinds, Func<ResourceKind, string> title, string query, int max)
    {
        query = query.Trim();
        var scored = new List<(int Score, string Title, PaletteItem Item)>();
        foreach (var kind in kinds)
        {
            var t = title(kind);
            var score = query.Length == 0 ? 3 : Best(query, [t, kind.Plural, kind.Singular, kind.Kind, kind.QualifiedName, .. kind.ShortNames]);
            if (score < 0) continue;
            scored.Add((score, t, new PaletteItem(t, kind.QualifiedName, ResourceUrls.List(kind), IsKind: true)));
        }
        return scored.OrderBy(s => s.Score).ThenBy(s => s.Title, StringComparer.CurrentCultureIgnoreCase).Take(max).Select(s => s.Item).ToList();
    }

    /// <summary>
    /// Objects whose name matches; a query with a slash (<c>shop/web</c>) matches namespace and name separately.
    /// An empty query matches nothing (listing every object is the list pages' job).
    /// </summary>
    public static IReadOnlyList<PaletteItem> Objects(IEnumerable<PaletteObject> objects, Func<ResourceKind, string> kindTitle, string query, int max)
    {
        query = query.Trim();
        if (query.Length == 0) return [];
        string? nsQuery = null;
        var slash = query.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            nsQuery = query[..slash];
            query = query[(slash + 1)..];
        }
        var scored = new List<(int Score, PaletteObject Found)>();
        foreach (var found in objects)
        {
            var o = found.Object;
            if (nsQuery is { Length: > 0 } && Score(nsQuery, o.Namespace ?? "") < 0) continue;
            var score = query.Length == 0 ? 2 : Score(query, o.Name);
            if (score >= 0) scored.Add((score, found));
        }
        return scored
            .OrderBy(s => s.Score).ThenBy(s => s.Found.Object.Name, StringComparer.Ordinal).ThenBy(s => s.Found.Object.Namespace, StringComparer.Ordinal)
            .Take(max)
            .Select(s =>
            {
                var (kind, o) = (s.Found.Kind, s.Found.Object);
                var detail = string.IsNullOrEmpty(o.Namespace) ? kindTitle(kind) : $"{kindTitle(kind)} · {o.Namespace}";
                return new PaletteItem(o.Name, detail, ResourceUrls.Details(kind, o), IsKind: false);
            })
            .ToList();
    }

    private static int Best(string query, IEnumerable<string> candidates)
    {
        var best = -1;
        foreach (var c in candidates)
        {
            var s = Score(query, c);
            if (s >= 0 && (best < 0 || s < best)) best = s;
        }
        return best;
    }

    /// <summary>0 exact, 1 prefix, 2 substring, -1 no match (case-insensitive).</summary>
    internal static int Score(string query, string candidate) =>
        candidate.Equals(query, StringComparison.CurrentCultureIgnoreCase) ? 0
        : candidate.StartsWith(query, StringComparison.CurrentCultureIgnoreCase) ? 1
        : candidate.Contains(query, StringComparison.CurrentCultureIgnoreCase) ? 2
        : -1;
}
