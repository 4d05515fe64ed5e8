using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Kubernetes.Emulator.Patching;

/// <summary>
/// A set of field paths in server-side apply's FieldsV1 notation: each path element is <c>f:&lt;field&gt;</c>,
/// <c>k:{"name":"web"}</c> (a keyed list element), <c>v:"value"</c> (a set element) or <c>i:3</c> (a position).
/// </summary>
internal sealed class FieldSet
{
    private readonly Dictionary<string, string[]> _paths = new(StringComparer.Ordinal);

    public int Count => _paths.Count;

    public IEnumerable<string[]> Paths => _paths.Values;

    public void Add(string[] path) => _paths[Key(path)] = path;

    public bool Remove(string[] path) => _paths.Remove(Key(path));

    public bool Contains(string[] path) => _paths.ContainsKey(Key(path));

    /// <summary>True when the set holds <paramref name="path"/> or anything below it.</summary>
    public bool ContainsOrUnder(string[] path)
    {
        var prefix = Key(path);
        return _paths.Keys.Any(k => k == prefix || k.StartsWith(prefix + "\n", StringComparison.Ordinal));
    }

    public FieldSet Clone()
    {
        var c = new FieldSet();
        foreach (var p in Paths) c.Add(p);
        return c;
    }

    private static string Key(string[] path) => string.Join('\n', path);

    /// <summary>The FieldsV1 JSON: nested objects, <c>"."</c> marking a node that is itself a member.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new Node();
        foreach (var path in Paths)
        {
            var node = root;
            foreach (var element in path) node = node.Child(element);
            node.Member = true;
        }
        return root.ToJson();
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is not null) Read(fields, [], set);
        return set;
    }

    private static void Read(JsonObject node, List<string> path, FieldSet set)
    {
        foreach (var (key, value) in node)
        {
            if (key == ".") { set.Add([.. path]); continue; }
            var child = new List<string>(path) { key };
            if (value is JsonObject o && o.Count > 0) Read(o, child, set);
            else set.Add([.. child]);
        }
    }

    /// <summary>Renders a path the way apply conflicts name fields: <c>.spec.containers[name="web"].image</c>.</summary>
    public static string Display(string[] path)
    {
        var sb = new StringBuilder();
        foreach (var element in path)
        {
            var body = element[2..];
            switch (element[0])
            {
                case 'f': sb.Append('.').Append(body); break;
                case 'k':
                    var keys = JsonNode.Parse(body) as JsonObject ?? [];
                    sb.Append('[').Append(string.Join(',', keys.Select(k => $"{k.Key}={k.Value?.ToJsonString()}"))).Append(']');
                    break;
                case 'v': sb.Append("[=").Append(body).Append(']'); break;
                default: sb.Append('[').Append(body).Append(']'); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The list element key for server-side apply, e.g. <c>k:{"containerPort":80,"protocol":"TCP"}</c>.</summary>
    public static string ElementKey(JsonObject item, ListRule rule)
    {
        var key = new JsonObject();
        foreach (var k in rule.Keys.Order(StringComparer.Ordinal))
        {
            if (item[k] is JsonNode v) key[k] = v.DeepClone();
            // The real server keys ports after defaulting, where the protocol is always set.
            else if (k == "protocol") key[k] = "TCP";
        }
        return "k:" + key.ToJsonString(Json.Options);
    }

    /// <summary>The node a path names inside an object, or null when absent.</summary>
    public static JsonNode? ValueAt(JsonNode? root, string[] path)
    {
        var node = root;
        foreach (var element in path)
        {
            node = Step(node, element, out _);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Removes the field, list element or set value a path names; no-op when already absent.</summary>
    public static void RemoveAt(JsonNode? root, string[] path)
    {
        if (path.Length == 0) return;
        var parent = ValueAt(root, path[..^1]);
        var last = path[^1];
        if (last.StartsWith("f:", StringComparison.Ordinal)) { (parent as JsonObject)?.Remove(last[2..]); return; }
        if (parent is not JsonArray list) return;
        Step(list, last, out var index);
        if (index >= 0) list.RemoveAt(index);
    }

    private static JsonNode? Step(JsonNode? node, string element, out int index)
    {
        index = -1;
        var body = element[2..];
        switch (element[0])
        {
            case 'f':
                return node is JsonObject o && o.TryGetPropertyValue(body, out var v) ? v : null;
            case 'k':
                if (node is not JsonArray keyed || JsonNode.Parse(body) is not JsonObject keys) return null;
                for (var i = 0; i < keyed.Count; i++)
                {
                    if (keyed[i] is not JsonObject item) continue;
                    if (keys.All(k => JsonEquality.AreEqual(item[k.Key], k.Value) || (k.Key == "protocol" && item[k.Key] is null && k.Value?.ToString() == "TCP")))
                    {
                        index = i;
                        return item;
                    }
                }
                return null;
            case 'v':
                if (node is not JsonArray set) return null;
                var value = JsonNode.Parse(body);
                for (var i = 0; i < set.Count; i++)
                    if (JsonEquality.AreEqual(set[i], value)) { index = i; return set[i]; }
                return null;
            default:
                if (node is JsonArray a && int.TryParse(body, out var at) && at >= 0 && at < a.Count) { index = at; return a[at]; }
                return null;
        }
    }

    private sealed class Node
    {
        private readonly SortedDictionary<string, Node> _children = new(ElementComparer.Instance);

        public bool Member { get; set; }

        public Node Child(string element)
        {
            if (!_children.TryGetValue(element, out var n)) _children[element] = n = new Node();
            return n;
        }

        public JsonObject ToJson()
        {
            var o = new JsonObject();
            if (Member && _children.Count > 0) o["."] = new JsonObject();
            foreach (var (k, child) in _children) o[k] = child.ToJson();
            return o;
        }
    }

    /// <summary>Orders paths element by element, the order structured-merge-diff lists fields and conflicts in.</summary>
    public static int ComparePaths(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = ElementComparer.Instance.Compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Fields before keys before values before positions, each group sorted, as structured-merge-diff orders them.</summary>
    private sealed class ElementComparer : IComparer<string>
    {
        public static readonly ElementComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var rank = Rank(x![0]).CompareTo(Rank(y![0]));
            return rank != 0 ? rank : string.CompareOrdinal(x, y);
        }

        private static int Rank(char c) => c switch { 'f' => 0, 'k' => 1, 'v' => 2, _ => 3 };
    }
}

/// <summary>Walks an object into the <see cref="FieldSet"/> of fields it sets, using the kind's list rules.</summary>
internal static class FieldSets
{
    /// <summary>Top-level and metadata fields the server owns; they never appear in managedFields.</summary>
    private static readonly string[] ServerMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
         "deletionGracePeriodSeconds", "managedFields", "selfLink"];

    /// <summary>
    /// Struct-valued fields Go always serializes: they exist (empty) even in a zero object, so a write never "adds"
    /// them and Update entries do not own them as a whole. Maps and pointer structs (labels, rollingUpdate...) are added.
    /// </summary>
    private static readonly string[] ValueStructs = ["metadata", "spec", "status", "template", "strategy", "updateStrategy", "jobTemplate"];

    /// <summary>The fields an object sets; <c>status</c> is left out of main-resource writes of kinds with a status subresource.</summary>
    public static FieldSet Of(ResourceType type, JsonObject obj, string? subresource) => Of(type, obj, subresource, null);

    private static FieldSet Of(ResourceType type, JsonObject obj, string? subresource, FieldSet? maps)
    {
        var set = new FieldSet();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind") continue;
            if (type.HasStatus && (subresource == "status" ? key != "status" : key == "status")) continue;
            if (key == "metadata" && value is JsonObject meta)
            {
                foreach (var (mk, mv) in meta)
                    if (!ServerMetadata.Contains(mk)) Walk(type, mv, ["metadata", mk], ["f:metadata", "f:" + mk], set, maps);
                continue;
            }
            Walk(type, value, [key], ["f:" + key], set, maps);
        }
        return set;
    }

    /// <summary>The leaf fields whose values differ between two objects (added or changed in <paramref name="updated"/>).</summary>
    public static (FieldSet Changed, FieldSet Removed) Diff(ResourceType type, JsonObject? old, JsonObject updated, string? subresource)
    {
        var maps = new FieldSet();
        var after = Of(type, updated, subresource, maps);
        var before = old is null ? new FieldSet() : Of(type, old, subresource);
        var changed = new FieldSet();
        foreach (var path in after.Paths)
            if (!before.Contains(path) || !SameLeaf(FieldSet.ValueAt(old, path), FieldSet.ValueAt(updated, path)))
                changed.Add(path);
        foreach (var path in maps.Paths)
            if (!ValueStructs.Contains(path[^1][2..]) && FieldSet.ValueAt(old, path) is null) changed.Add(path);
        var removed = new FieldSet();
        foreach (var path in before.Paths)
            if (!after.Contains(path)) removed.Add(path);
        return (changed, removed);
    }

    private static bool SameLeaf(JsonNode? a, JsonNode? b) =>
        // Interior members ("." of list elements and maps) only change when their children do.
        (a is JsonObject && b is JsonObject) || JsonEquality.AreEqual(a, b);

    private static void Walk(ResourceType type, JsonNode? value, List<string> fieldPath, List<string> path, FieldSet set, FieldSet? maps)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0 && !ListRules.IsAtomicMap(type, fieldPath):
                if (path[^1].StartsWith("f:", StringComparison.Ordinal)) maps?.Add([.. path]);
                foreach (var (k, v) in o) Walk(type, v, [.. fieldPath, k], [.. path, "f:" + k], set, maps);
                break;
            case JsonArray a when ListRules.Find(type, fieldPath) is { } rule:
                foreach (var item in a)
                {
                    if (rule.IsSet)
                    {
                        set.Add([.. path, "v:" + (item?.ToJsonString(Json.Options) ?? "null")]);
                    }
                    else if (item is JsonObject element)
                    {
                        var elementPath = new List<string>(path) { FieldSet.ElementKey(element, rule) };
                        set.Add([.. elementPath]);
                        foreach (var (k, v) in element) Walk(type, v, [.. fieldPath, k], [.. elementPath, "f:" + k], set, maps);
                    }
                }
                if (a.Count == 0) set.Add([.. path]);
                break;
            default:
                set.Add([.. path]);
                break;
        }
    }
}
