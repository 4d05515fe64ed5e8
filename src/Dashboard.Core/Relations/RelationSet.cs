namespace Dashboard.Core.Relations;

/// <summary>Relations in the order found, one per (source, type, target), the places each is written merged.</summary>
internal sealed class RelationSet
{
    private readonly List<Relation> _items = [];
    private readonly Dictionary<(NameKey Source, RelationType Type, NameKey Target), int> _positions = [];

    public int Count => _items.Count;

    public Relation this[int index] => _items[index];

    /// <summary>Adds a relation, or merges its vias into the one already there; false when it was there.</summary>
    public bool Add(Relation r)
    {
        var key = (NameKey.Of(r.Source), r.Type, NameKey.Of(r.Target));
        if (_positions.TryGetValue(key, out var at))
        {
            var existing = _items[at];
            var extra = r.Vias.Where(v => !existing.Vias.Contains(v)).ToList();
            if (extra.Count > 0) _items[at] = existing with { Vias = [.. existing.Vias, .. extra] };
            return false;
        }
        _positions[key] = _items.Count;
        _items.Add(r);
        return true;
    }

    /// <summary>True when the same link is already there read from the other end.</summary>
    public bool HasInverse(Relation r) => _positions.ContainsKey((NameKey.Of(r.Target), r.Type.Inverse(), NameKey.Of(r.Source)));

    public List<Relation> ToList() => [.. _items];
}
