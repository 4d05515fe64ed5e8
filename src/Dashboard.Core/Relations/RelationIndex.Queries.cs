using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

public sealed partial class RelationIndex
{
    [Flags]
    private enum Parts
    {
        Owners = 1,
        Dependents = 2,
        Selects = 4,
        SelectedBy = 8,
        References = 16,
        Referrers = 32,
        All = Owners | Dependents | Selects | SelectedBy | References | Referrers,
    }

    /// <summary>The indexed object a reference names (by uid when it has one, else by name), or null.</summary>
    public KubeObject? Find(ObjectRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate) return Lookup(target)?.Object;
    }

    /// <summary>
    /// Everything related to an object, for a detail page's "Related" section: its owners up the chain and its dependents
    /// down it; the pods its selector matches (or, for a pod, what selects it); what it refers to and what refers to it;
    /// and the hops that make a path meaningful: Ingress → Services → their pods, pod → claim → volume, volume → claim →
    /// the pods that mount it. Pods a controller both selects and owns (down its chain) appear once, as dependents.
    /// </summary>
    /// <param name="obj">The object; it need not be indexed (a detail page may hold a fresher copy).</param>
    public IReadOnlyList<Relation> Related(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        // The object given speaks for itself (it may be fresher than the indexed copy); what points at it comes from the index.
        var subject = Entry.Create(obj, null);
        lock (_gate) return RelatedLocked(subject);
    }

    /// <summary>Everything related to the object a reference names; for an object not indexed, what refers to it.</summary>
    public IReadOnlyList<Relation> Related(ObjectRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate) return RelatedLocked(Lookup(target) ?? Stand_in(target));
    }

    /// <summary>The pods an object's selector matches (Service, workload, PodDisruptionBudget, NetworkPolicy), by name; empty for other kinds.</summary>
    public IReadOnlyList<KubeObject> SelectedPods(KubeObject selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var entry = Entry.Create(selector, null);
        return entry.Selector is null ? [] : SelectedPods(entry.Key.Namespace, entry.Selector);
    }

    /// <summary>The pods of a namespace a selector matches, by name.</summary>
    public IReadOnlyList<KubeObject> SelectedPods(string ns, LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(selector);
        lock (_gate) return [.. SelectedLocked(ns, selector).Select(e => e.Object).OrderBy(o => o.Name, StringComparer.Ordinal)];
    }

    private IReadOnlyList<Relation> RelatedLocked(Entry subject)
    {
        var set = new RelationSet();
        Neighbors(subject, Parts.All, set);
        // The chains, up and down; and the hops that turn a reference into a path to pods or volumes.
        var visited = new HashSet<string>(StringComparer.Ordinal) { subject.Id };
        for (var i = 0; i < set.Count; i++)
        {
            var r = set[i];
            if (r.State != TargetState.Found || Lookup(r.Target) is not { } next) continue;
            var (parts, only) = r.Type switch
            {
                RelationType.OwnedBy => (Parts.Owners, RelationType.OwnedBy),
                RelationType.Owns => (Parts.Dependents, RelationType.Owns),
                RelationType.RoutesTo => (Parts.Selects, RelationType.Selects),
                RelationType.Mounts => (Parts.References, RelationType.BoundTo),
                RelationType.BoundTo => (Parts.Referrers, RelationType.MountedBy),
                _ => ((Parts)0, default),
            };
            if (parts == 0 || !visited.Add(next.Id + "|" + only)) continue;
            Neighbors(next, parts, set, only, except: subject.Key);
        }
        return set.ToList();
    }

    private void Neighbors(Entry e, Parts parts, RelationSet set, RelationType? only = null, NameKey? except = null)
    {
        var found = new List<Relation>();
        if (parts.HasFlag(Parts.Owners))
            foreach (var owner in e.Owners)
            {
                var ownerKind = new KindKey(ObjectRef.GroupOf(owner.ApiVersion), owner.Kind);
                var target = new ObjectRef(owner.ApiVersion, owner.Kind, RelationRules.IsNamespaced(ownerKind) ? e.Ref.Namespace : null, owner.Name,
                    owner.Uid.Length > 0 ? owner.Uid : null);
                found.Add(Resolved(e, RelationType.OwnedBy, target, new Via(ReferencePath.OwnerReference)));
            }
        if (parts.HasFlag(Parts.Dependents) && e.Ref.Uid is { } uid && _children.TryGetValue(uid, out var children))
            found.AddRange(Sorted(children).Select(c => Link(e, RelationType.Owns, c, ReferencePath.OwnerReference)));
        if (parts.HasFlag(Parts.Selects) && e.Selector is { } selector)
            found.AddRange(SelectedLocked(e.Key.Namespace, selector)
                .Where(pod => !(e.Controls && Descends(pod, e.Id)))
                .OrderBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(pod => Link(e, RelationType.Selects, pod, ReferencePath.Selector)));
        if (parts.HasFlag(Parts.SelectedBy) && e.PodLabels is { } labels && _selectors.TryGetValue(e.Key.Namespace, out var selectors))
            found.AddRange(Sorted(selectors)
                .Where(s => s.Selector!.Matches(labels) && !(s.Controls && Descends(e, s.Id)))
                .Select(s => Link(e, RelationType.SelectedBy, s, ReferencePath.Selector)));
        if (parts.HasFlag(Parts.References))
            found.AddRange(e.References.Select(r => Resolved(e, r.Type, r.Target, r.Via)));
        if (parts.HasFlag(Parts.Referrers) && _referrers.TryGetValue(e.Key, out var referrers))
            foreach (var source in Sorted(referrers))
                foreach (var r in source.References)
                    if (NameKey.Of(r.Target) == e.Key && (r.Target.Uid is null || r.Target.Uid == e.Ref.Uid))
                        found.Add(new Relation(e.Ref, r.Type.Inverse(), source.Ref, TargetState.Found, [r.Via]));
        foreach (var r in found)
            if ((only is null || r.Type == only) && (except is null || NameKey.Of(r.Target) != except)) set.Add(r);
    }

    private Relation Resolved(Entry source, RelationType type, ObjectRef target, Via via)
    {
        if (Lookup(target) is { } hit) return new Relation(source.Ref, type, hit.Ref, TargetState.Found, [via]);
        var key = NameKey.Of(target);
        return new Relation(source.Ref, type, target, IsLoadedLocked(key.KindKey, key.Namespace) ? TargetState.Missing : TargetState.Unknown, [via]);
    }

    private static Relation Link(Entry source, RelationType type, Entry target, ReferencePath path) =>
        new(source.Ref, type, target.Ref, TargetState.Found, [new Via(path)]);

    /// <summary>By uid when the reference has one (an owner, a claimRef): a namesake with another uid is a different object.</summary>
    private Entry? Lookup(ObjectRef target)
    {
        if (target.Uid is { } uid)
            return _byId.TryGetValue(uid, out var byUid) && byUid.Key == NameKey.Of(target) ? byUid : null;
        return _byName.GetValueOrDefault(NameKey.Of(target));
    }

    private IEnumerable<Entry> SelectedLocked(string ns, LabelSelector selector)
    {
        if (selector.MatchesNothing || !_pods.TryGetValue(ns, out var pods)) return [];
        return pods.Candidates(selector).Select(id => _byId[id]).Where(p => selector.Matches(p.PodLabels!)).ToList();
    }

    /// <summary>True when <paramref name="ancestorId"/> is up the owner chain of <paramref name="e"/> (chains are short; cycles are cut).</summary>
    private bool Descends(Entry e, string ancestorId)
    {
        var current = e;
        for (var depth = 0; depth < 8; depth++)
        {
            var next = (Entry?)null;
            foreach (var owner in current.Owners)
            {
                if (owner.Uid == ancestorId) return true;
                if (owner.Controller && _byId.TryGetValue(owner.Uid, out var o)) next = o;
            }
            if (next is null) return false;
            current = next;
        }
        return false;
    }

    private IEnumerable<Entry> Sorted(IEnumerable<string> ids) =>
        ids.Select(id => _byId[id]).OrderBy(x => x.Key.Kind, StringComparer.Ordinal)
            .ThenBy(x => x.Key.Namespace, StringComparer.Ordinal).ThenBy(x => x.Key.Name, StringComparer.Ordinal);

    /// <summary>An entry for an object known only by reference, so that what refers to it can still be found.</summary>
    private static Entry Stand_in(ObjectRef target)
    {
        var metadata = new JsonObject { ["name"] = target.Name };
        if (target.Namespace is not null) metadata["namespace"] = target.Namespace;
        if (target.Uid is not null) metadata["uid"] = target.Uid;
        return Entry.Create(new KubeObject(new JsonObject { ["apiVersion"] = target.ApiVersion, ["kind"] = target.Kind, ["metadata"] = metadata }), null);
    }
}
