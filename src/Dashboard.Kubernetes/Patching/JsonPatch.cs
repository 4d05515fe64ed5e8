using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Patching;

/// <summary>
/// RFC 6902 JSON Patch over <see cref="System.Text.Json.Nodes"/>: <c>add</c>, <c>remove</c>, <c>replace</c>,
/// <c>move</c>, <c>copy</c> and <c>test</c>. Applying is atomic: the input document is never modified, and a failing
/// operation leaves no partial result.
/// </summary>
public static class JsonPatch
{
    /// <summary>Applies a patch given as JSON text (an array of operation objects).</summary>
    /// <exception cref="PatchException">The patch is not a JSON array of operations, or an operation fails.</exception>
    public static JsonNode? Apply(JsonNode? document, string patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Apply(document, ParsePatch(patch));
    }

    /// <summary>Applies a patch given as UTF-8 JSON bytes (an array of operation objects).</summary>
    /// <exception cref="PatchException">The patch is not a JSON array of operations, or an operation fails.</exception>
    public static JsonNode? Apply(JsonNode? document, ReadOnlySpan<byte> patch)
    {
        JsonNode? parsed;
        try { parsed = JsonNode.Parse(patch); }
        catch (JsonException e) { throw new PatchException($"the JSON patch is not valid JSON: {e.Message}", e); }
        return Apply(document, parsed as JsonArray ?? throw new PatchException("a JSON patch must be a JSON array of operations"));
    }

    /// <summary>Applies a patch to a copy of <paramref name="document"/> and returns the result.</summary>
    /// <exception cref="PatchException">An operation is malformed or cannot be applied.</exception>
    public static JsonNode? Apply(JsonNode? document, JsonArray patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var doc = document?.DeepClone();
        for (var i = 0; i < patch.Count; i++)
        {
            if (patch[i] is not JsonObject op) throw new PatchException($"operation {i} of the JSON patch is not an object", i, null, null);
            doc = ApplyOperation(doc, op, i);
        }
        return doc;
    }

    /// <summary>
    /// Creates a patch that turns <paramref name="original"/> into <paramref name="modified"/>: members are added,
    /// removed or replaced one by one, arrays of equal length are diffed element by element and other changed arrays
    /// are replaced whole. Returns an empty array when the documents are equal.
    /// </summary>
    public static JsonArray Create(JsonNode? original, JsonNode? modified)
    {
        var operations = new JsonArray();
        Diff(original, modified, JsonPointer.Root, operations);
        return operations;
    }

    private static void Diff(JsonNode? original, JsonNode? modified, JsonPointer path, JsonArray operations)
    {
        if (JsonEquality.AreEqual(original, modified)) return;
        if (original is JsonObject o && modified is JsonObject m)
        {
            foreach (var (key, _) in o)
                if (!m.ContainsKey(key)) operations.Add(Operation("remove", Child(path, key), null, includeValue: false));
            foreach (var (key, value) in m)
            {
                if (o.TryGetPropertyValue(key, out var before)) Diff(before, value, Child(path, key), operations);
                else operations.Add(Operation("add", Child(path, key), value, includeValue: true));
            }
            return;
        }
        if (original is JsonArray oa && modified is JsonArray ma && oa.Count == ma.Count)
        {
            for (var i = 0; i < oa.Count; i++) Diff(oa[i], ma[i], Child(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), operations);
            return;
        }
        operations.Add(Operation("replace", path, modified, includeValue: true));
    }

    private static JsonPointer Child(JsonPointer parent, string token) => JsonPointer.Create([.. parent.Tokens, token]);

    private static JsonObject Operation(string op, JsonPointer path, JsonNode? value, bool includeValue)
    {
        var o = new JsonObject { ["op"] = op, ["path"] = path.ToString() };
        if (includeValue) o["value"] = value?.DeepClone();
        return o;
    }

    private static JsonArray ParsePatch(string patch)
    {
        JsonNode? parsed;
        try { parsed = JsonNode.Parse(patch); }
        catch (JsonException e) { throw new PatchException($"the JSON patch is not valid JSON: {e.Message}", e); }
        return parsed as JsonArray ?? throw new PatchException("a JSON patch must be a JSON array of operations");
    }

    private static JsonNode? ApplyOperation(JsonNode? doc, JsonObject op, int index)
    {
        var name = StringMember(op, "op", index, null, null);
        var pathText = StringMember(op, "path", index, name, null);
        var path = ParsePointer(pathText, index, name);
        switch (name)
        {
            case "add":
                return Add(doc, path, RequiredValue(op, index, name, pathText), index, name);
            case "remove":
                Remove(doc, path, index, name);
                return path.IsRoot ? null : doc;
            case "replace":
                var replacement = RequiredValue(op, index, name, pathText);
                if (path.IsRoot) return replacement;
                Remove(doc, path, index, name);
                return Add(doc, path, replacement, index, name);
            case "move":
            {
                var fromText = StringMember(op, "from", index, name, pathText);
                var from = ParsePointer(fromText, index, name);
                if (from.IsProperPrefixOf(path))
                    throw Fail(index, name, pathText, $"cannot move \"{fromText}\" into its own child \"{pathText}\"");
                var value = Get(doc, from, index, name, fromText);
                if (from.ToString() == path.ToString()) return doc;
                Remove(doc, from, index, name);
                return Add(doc, path, value?.DeepClone(), index, name);
            }
            case "copy":
            {
                var fromText = StringMember(op, "from", index, name, pathText);
                var value = Get(doc, ParsePointer(fromText, index, name), index, name, fromText);
                return Add(doc, path, value?.DeepClone(), index, name);
            }
            case "test":
            {
                var expected = RequiredValue(op, index, name, pathText);
                var actual = Get(doc, path, index, name, pathText);
                if (!JsonEquality.AreEqual(actual, expected))
                    throw Fail(index, name, pathText,
                        $"test failed: the value at \"{pathText}\" is {Show(actual)}, expected {Show(expected)}");
                return doc;
            }
            default:
                throw Fail(index, name, pathText, $"unknown operation \"{name}\"");
        }
    }

    private static JsonNode? Add(JsonNode? doc, JsonPointer path, JsonNode? value, int index, string op)
    {
        if (path.IsRoot) return value;
        var parent = Get(doc, path.Parent, index, op, path.ToString());
        var token = path.Last;
        switch (parent)
        {
            case JsonObject o:
                o[token] = value;
                break;
            case JsonArray a:
                var at = token == "-" ? a.Count : JsonPointer.ParseIndex(token);
                if (at < 0 || at > a.Count)
                    throw Fail(index, op, path.ToString(), $"array index \"{token}\" at \"{path}\" is out of bounds (the array has {a.Count} elements)");
                a.Insert(at, value);
                break;
            default:
                throw Fail(index, op, path.ToString(), $"the parent of \"{path}\" is not an object or an array");
        }
        return doc;
    }

    private static void Remove(JsonNode? doc, JsonPointer path, int index, string op)
    {
        if (path.IsRoot) return;
        var parent = Get(doc, path.Parent, index, op, path.ToString());
        var token = path.Last;
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token):
                o.Remove(token);
                return;
            case JsonArray a when JsonPointer.ParseIndex(token) is var i && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                return;
            default:
                throw Fail(index, op, path.ToString(), $"the path \"{path}\" does not exist");
        }
    }

    private static JsonNode? Get(JsonNode? doc, JsonPointer path, int index, string op, string target)
    {
        var node = doc;
        var walked = new List<string>();
        foreach (var token in path.Tokens)
        {
            walked.Add(token);
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when JsonPointer.ParseIndex(token) is var i && i >= 0 && i < a.Count => a[i],
                _ => throw Fail(index, op, target, $"the path \"{JsonPointer.Create([.. walked])}\" does not exist"),
            };
        }
        return node;
    }

    private static string StringMember(JsonObject op, string member, int index, string? name, string? path)
    {
        if (op[member] is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        throw Fail(index, name, path, $"operation {index} of the JSON patch has no string \"{member}\" member");
    }

    private static JsonNode? RequiredValue(JsonObject op, int index, string name, string path)
    {
        // "value": null is a legal value; only a missing member is an error.
        if (!op.TryGetPropertyValue("value", out var value))
            throw Fail(index, name, path, $"the \"{name}\" operation at \"{path}\" has no \"value\" member");
        return value?.DeepClone();
    }

    private static JsonPointer ParsePointer(string text, int index, string op)
    {
        try { return JsonPointer.Parse(text); }
        catch (PatchException e) { throw Fail(index, op, text, e.Message); }
    }

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    private static PatchException Fail(int index, string? op, string? path, string message) =>
        new($"{message} (operation {index}{(op is null ? "" : ", " + op)})", index, op, path);
}
