using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Core.Editing;

/// <summary>A field that the user and someone else both changed, to different values.</summary>
/// <param name="Path">The field, in the API server's path style.</param>
/// <param name="Original">The value both started from, as YAML (null when the field was absent).</param>
/// <param name="Mine">The user's value (null when the user removed it).</param>
/// <param name="Theirs">The server's new value (null when it was removed there).</param>
public sealed record MergeConflict(string Path, string? Original, string? Mine, string? Theirs);

/// <summary>The result of a three-way merge: the merged object and the fields both sides changed differently.</summary>
/// <param name="Merged">The server's object with the user's changes on top; at a conflict the user's value wins.</param>
/// <param name="Conflicts">Fields changed on both sides to different values.</param>
public sealed record MergeResult(JsonObject Merged, IReadOnlyList<MergeConflict> Conflicts);

/// <summary>
/// Re-applies a user's edit (original → mine) onto a newer server version (original → theirs), field by field.
/// Mappings merge key by key; lists of objects that each carry a unique <c>name</c> (containers, ports, env,
/// volumes...) merge by that name, as strategic merge does; other lists are replaced as a whole. Server-owned
/// bookkeeping (resourceVersion, managedFields, generation, status) always comes from the server.
/// </summary>
public static class ThreeWayMerge
{
    private static readonly HashSet<string> ServerOwned =
    [
        "metadata.resourceVersion", "metadata.managedFields", "metadata.generation", "metadata.uid",
        "metadata.creationTimestamp", "metadata.deletionTimestamp", "metadata.selfLink", "status",
    ];

    /// <summary>Merges; none of the inputs is modified.</summary>
    public static MergeResult Merge(JsonObject original, JsonObject mine, JsonObject theirs)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        var conflicts = new List<MergeConflict>();
        var merged = MergeObjects(original, mine, theirs, [], conflicts);
        return new MergeResult(merged, conflicts);
    }

    private static JsonObject MergeObjects(JsonObject? original, JsonObject? mine, JsonObject? theirs, List<FieldStep> path, List<MergeConflict> conflicts)
    {
        var result = new JsonObject();
        // Keys in the server's order first, then keys only the user added.
        var keys = (theirs?.Select(kv => kv.Key) ?? []).Concat(mine?.Select(kv => kv.Key) ?? []).Concat(original?.Select(kv => kv.Key) ?? [])
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            path.Add(FieldStep.Named(key));
            var o = Slot.Of(original, key);
            var m = Slot.Of(mine, key);
            var t = Slot.Of(theirs, key);
            var value = ServerOwned.Contains(FieldPath.Format(path)) ? t : MergeSlot(o, m, t, path, conflicts);
            if (value.Present) result[key] = value.Value?.DeepClone();
            path.RemoveAt(path.Count - 1);
        }
        return result;
    }

    private static Slot MergeSlot(Slot o, Slot m, Slot t, List<FieldStep> path, List<MergeConflict> conflicts)
    {
        if (m.SameAs(o)) return t;
        if (t.SameAs(o) || m.SameAs(t)) return m;
        if (m.Value is JsonObject mo && t.Value is JsonObject to && o.Value is JsonObject or null)
            return Slot.With(MergeObjects(o.Value as JsonObject, mo, to, path, conflicts));
        if (m.Value is JsonArray ma && t.Value is JsonArray ta && o.Value is JsonArray or null
            && NamedList(ma) && NamedList(ta) && (o.Value is null || NamedList((JsonArray)o.Value)))
            return Slot.With(MergeNamedLists(o.Value as JsonArray, ma, ta, path, conflicts));
        conflicts.Add(new MergeConflict(FieldPath.Format(path), o.Text, m.Text, t.Text));
        return m;
    }

    private static JsonArray MergeNamedLists(JsonArray? original, JsonArray mine, JsonArray theirs, List<FieldStep> path, List<MergeConflict> conflicts)
    {
        var o = ByName(original);
        var m = ByName(mine);
        var t = ByName(theirs);
        var names = t.Keys.Concat(m.Keys).Distinct(StringComparer.Ordinal).ToList();
        var result = new JsonArray();
        foreach (var name in names)
        {
            path.Add(FieldStep.Named("name=" + name));
            var merged = MergeSlot(Slot.Of(o, name), Slot.Of(m, name), Slot.Of(t, name), path, conflicts);
            if (merged.Present) result.Add(merged.Value?.DeepClone());
            path.RemoveAt(path.Count - 1);
        }
        return result;
    }

    private static bool NamedList(JsonArray a)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return a.All(e => e is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var n) && names.Add(n));
    }

    private static Dictionary<string, JsonNode?> ByName(JsonArray? a) =>
        a is null ? [] : a.ToDictionary(e => (string)e!["name"]!, e => e, StringComparer.Ordinal);

    // A field's value, distinguishing "absent" from "present and null".
    private readonly record struct Slot(bool Present, JsonNode? Value)
    {
        public static Slot Of(JsonObject? o, string key) => o is not null && o.TryGetPropertyValue(key, out var v) ? new(true, v) : default;
        public static Slot Of(Dictionary<string, JsonNode?> d, string key) => d.TryGetValue(key, out var v) ? new(true, v) : default;
        public static Slot With(JsonNode? value) => new(true, value);
        public bool SameAs(Slot other) => Present == other.Present && (!Present || JsonEquality.AreEqual(Value, other.Value));
        public string? Text => !Present ? null
            : Value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 } ? ObjectYaml.RenderValue(Value).TrimEnd() : YamlWriter.Inline(Value);
    }
}
