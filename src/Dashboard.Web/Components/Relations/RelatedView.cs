using Dashboard.Core.Relations;
using Dashboard.Kubernetes;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Navigation;

namespace Dashboard.Web.Components.Relations;

/// <summary>One related object as the Related section shows it.</summary>
/// <param name="Relation">The relation.</param>
/// <param name="Url">Its detail page, or null when its kind is not served here.</param>
/// <param name="Through">The intermediate object when the relation is a hop (a ReplicaSet's pod, a Service's pod), else null.</param>
internal sealed record RelatedItem(Relation Relation, string? Url, ObjectRef? Through);

/// <summary>The related objects of one relation type.</summary>
internal sealed record RelatedGroup(RelationType Type, IReadOnlyList<RelatedItem> Items)
{
    /// <summary>How many items the section shows before "and N more".</summary>
    public const int Shown = 50;

    public int Missing => Items.Count(i => i.Relation.Missing && !i.Relation.Optional);
}

/// <summary>Pure projection of an object's relations into the section's groups: grouped by type, in reading order.</summary>
internal static class RelatedView
{
    /// <summary>The order groups appear in: the object's place in its chain first, then what it reaches, then what reaches it.</summary>
    private static readonly RelationType[] Order =
    [
        RelationType.OwnedBy, RelationType.Owns, RelationType.Selects, RelationType.SelectedBy, RelationType.RoutesTo,
        RelationType.RoutedFrom, RelationType.Mounts, RelationType.MountedBy, RelationType.BoundTo, RelationType.Uses,
        RelationType.UsedBy, RelationType.Scales, RelationType.ScaledBy, RelationType.RunsOn, RelationType.Hosts,
    ];

    public static IReadOnlyList<RelatedGroup> Build(KubeObject subject, IEnumerable<Relation> relations, ResourceKinds kinds)
    {
        var self = ObjectRef.Of(subject);
        return relations
            .GroupBy(r => r.Type)
            .OrderBy(g => Array.IndexOf(Order, g.Key))
            .Select(g => new RelatedGroup(g.Key, [.. g.Select(r => new RelatedItem(r, UrlOf(r.Target, kinds), r.Source.SameObject(self) ? null : r.Source))]))
            .ToList();
    }

    /// <summary>The detail page of a target, when its kind is served (a missing object's page says it is not found).</summary>
    public static string? UrlOf(ObjectRef target, ResourceKinds kinds)
    {
        var kind = kinds.FindByKind(target.ApiVersion, target.Kind);
        return kind is null ? null : ResourceUrls.Details(kind, target.Namespace, target.Name);
    }
}
