using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

public sealed partial class RelationIndex
{
    /// <summary>One indexed object with everything derived from it once, at indexing time.</summary>
    private sealed class Entry
    {
        private Entry(KubeObject obj, ObjectRef self, NameKey key, string id)
        {
            Object = obj;
            Ref = self;
            Key = key;
            Id = id;
        }

        public KubeObject Object { get; }
        public ObjectRef Ref { get; }
        public NameKey Key { get; }
        /// <summary>The uid, or a stand-in made of the name for objects that have none (hand-written fixtures).</summary>
        public string Id { get; }
        public IReadOnlyList<OwnerReference> Owners { get; private init; } = [];
        public IReadOnlyList<Reference> References { get; private init; } = [];
        public LabelSelector? Selector { get; private init; }
        public bool Controls { get; private init; }
        /// <summary>The labels of a pod (null for other kinds), kept so that removal finds its index entries even if the object was mutated.</summary>
        public Dictionary<string, string>? PodLabels { get; private init; }

        /// <summary>Derives an entry; with an interner (under the index's lock) its shared parts are kept once per index.</summary>
        public static Entry Create(KubeObject obj, ResourceKind? hint, Interner? pool = null)
        {
            string S(string s) => pool?.Share(s) ?? s;
            T R<T>(T r) where T : class => pool?.Share(r) ?? r;
            var apiVersion = S(obj.ApiVersion.Length > 0 ? obj.ApiVersion : hint?.ApiVersion ?? "");
            var kindName = S(obj.Kind.Length > 0 ? obj.Kind : hint?.Kind ?? "");
            var kind = new KindKey(ObjectRef.GroupOf(apiVersion) is { Length: > 0 } g ? S(g) : "", kindName);
            var ns = string.IsNullOrEmpty(obj.Namespace) ? null : S(obj.Namespace);
            var self = new ObjectRef(apiVersion, kindName, ns, obj.Name, obj.Uid.Length == 0 ? null : obj.Uid);
            var key = NameKey.Of(self);
            RelationRules.Selectors.TryGetValue(kind, out var rule);
            var references = RelationRules.ReferencesOf(obj, kind);
            if (pool is not null)
                for (var i = 0; i < references.Count; i++)
                {
                    var r = references[i];
                    var target = r.Target with { ApiVersion = S(r.Target.ApiVersion), Kind = S(r.Target.Kind), Namespace = pool.ShareOrNull(r.Target.Namespace), Name = S(r.Target.Name), Uid = pool.ShareOrNull(r.Target.Uid) };
                    references[i] = new Reference(R(target), r.Type, R(r.Via with { Name = pool.ShareOrNull(r.Via.Name) }));
                }
            Dictionary<string, string>? labels = null;
            if (kind == RelationRules.PodKind)
            {
                labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in obj.Labels) labels[S(k)] = S(v);
            }
            return new Entry(obj, self, key, obj.Uid.Length > 0 ? obj.Uid : $"{kind.Group}/{kind.Kind}/{key.Namespace}/{key.Name}")
            {
                Owners = pool is null ? obj.OwnerReferences : [.. obj.OwnerReferences.Select(o => R(o with { ApiVersion = S(o.ApiVersion), Kind = S(o.Kind), Name = S(o.Name), Uid = S(o.Uid) }))],
                References = references,
                Selector = rule?.Read(obj),
                Controls = rule?.Controls ?? false,
                PodLabels = labels,
            };
        }
    }

    /// <summary>The pods of one namespace, by label, so that a selector starts from its rarest requirement instead of every pod.</summary>
    private sealed class PodSet
    {
        private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _byLabel = new(StringComparer.Ordinal);

        public HashSet<string> All { get; } = new(StringComparer.Ordinal);
        public int Count => All.Count;

        public void Add(string id, Dictionary<string, string> labels)
        {
            All.Add(id);
            foreach (var (k, v) in labels)
            {
                if (!_byLabel.TryGetValue(k, out var values)) _byLabel[k] = values = new(StringComparer.Ordinal);
                if (!values.TryGetValue(v, out var ids)) values[v] = ids = new(StringComparer.Ordinal);
                ids.Add(id);
            }
        }

        public void Remove(string id, Dictionary<string, string> labels)
        {
            All.Remove(id);
            foreach (var (k, v) in labels)
            {
                if (!_byLabel.TryGetValue(k, out var values) || !values.TryGetValue(v, out var ids)) continue;
                ids.Remove(id);
                if (ids.Count > 0) continue;
                values.Remove(v);
                if (values.Count == 0) _byLabel.Remove(k);
            }
        }

        /// <summary>
        /// The fewest pods that can match: those of the smallest set an Equals, In or Exists requirement narrows to
        /// (other operators cannot narrow, so a selector made only of them starts from every pod of the namespace).
        /// </summary>
        public IEnumerable<string> Candidates(LabelSelector selector)
        {
            IEnumerable<string> best = All;
            var bestCount = All.Count;
            foreach (var r in selector.Requirements)
            {
                if (r.Operator is SelectorOperator.NotIn or SelectorOperator.DoesNotExist) continue;
                if (!_byLabel.TryGetValue(r.Key, out var values)) return [];
                List<HashSet<string>> sets = r.Operator == SelectorOperator.Exists
                    ? [.. values.Values]
                    : [.. r.Values.Distinct(StringComparer.Ordinal).Select(v => values.GetValueOrDefault(v)).OfType<HashSet<string>>()];
                var count = sets.Sum(s => s.Count);
                if (count == 0) return [];
                if (count < bestCount)
                {
                    best = sets.Count == 1 ? sets[0] : sets.SelectMany(s => s);
                    bestCount = count;
                }
            }
            return best;
        }
    }
}
