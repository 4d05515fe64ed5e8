using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>Small accessors over <see cref="JsonObject"/> objects, so that generic code reads metadata the same way everywhere.</summary>
public static class Json
{
    /// <summary>Serializer options for emulator output: compact, no escaping of HTML characters (kubectl prints them raw).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The object's <c>metadata</c>, created when missing.</summary>
    public static JsonObject Meta(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        m = new JsonObject();
        obj["metadata"] = m;
        return m;
    }

    /// <summary>Reads a string at a dotted path (<c>spec.nodeName</c>), or null.</summary>
    public static string? Str(this JsonNode? node, string path)
    {
        var n = node.At(path);
        return n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n is JsonValue v2 ? v2.ToJsonString() : null;
    }

    /// <summary>Reads an integer at a dotted path, or null.</summary>
    public static long? Int(this JsonNode? node, string path)
    {
        var n = node.At(path);
        if (n is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var el)) return el;
        if (v.TryGetValue<string>(out var s) && long.TryParse(s, CultureInfo.InvariantCulture, out var ls)) return ls;
        return null;
    }

    /// <summary>Reads a boolean at a dotted path, or null.</summary>
    public static bool? Bool(this JsonNode? node, string path)
    {
        var n = node.At(path);
        return n is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
    }

    /// <summary>The node at a dotted path, or null.</summary>
    public static JsonNode? At(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        }
        return node;
    }

    /// <summary>The object at a dotted path, created (with parents) when missing.</summary>
    public static JsonObject Obj(this JsonObject node, string path)
    {
        var cur = node;
        foreach (var part in path.Split('.'))
        {
            if (cur[part] is not JsonObject next)
            {
                next = new JsonObject();
                cur[part] = next;
            }
            cur = next;
        }
        return cur;
    }

    /// <summary>The array at a dotted path, or an empty sequence.</summary>
    public static IEnumerable<JsonObject> Items(this JsonNode? node, string path) =>
        node.At(path) is JsonArray a ? a.OfType<JsonObject>() : [];

    /// <summary>Object name.</summary>
    public static string Name(this JsonObject obj) => obj.Str("metadata.name") ?? "";

    /// <summary>Object namespace ("" for cluster-scoped).</summary>
    public static string Namespace(this JsonObject obj) => obj.Str("metadata.namespace") ?? "";

    /// <summary>Object uid.</summary>
    public static string Uid(this JsonObject obj) => obj.Str("metadata.uid") ?? "";

    /// <summary>Labels as a dictionary (empty when none).</summary>
    public static Dictionary<string, string> Labels(this JsonObject obj) => StringMap(obj.At("metadata.labels"));

    /// <summary>A JSON object of strings as a dictionary.</summary>
    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
            foreach (var (k, v) in o)
                if (v is JsonValue jv && jv.TryGetValue<string>(out var s)) d[k] = s;
        return d;
    }

    /// <summary>Formats a time the way Kubernetes does (RFC 3339, seconds, Z).</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a MicroTime (RFC 3339 with microseconds).</summary>
    public static string MicroTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a Kubernetes timestamp, or null.</summary>
    public static DateTimeOffset? ParseTime(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>Serializes to UTF-8 bytes with the emulator's options.</summary>
    public static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);

    /// <summary>Parses UTF-8 JSON bytes into an object.</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> bytes) =>
        JsonNode.Parse(bytes) as JsonObject ?? throw ApiException.BadRequest("the body must be a JSON object");

    /// <summary>Deep copy typed as an object.</summary>
    public static JsonObject Clone(this JsonObject obj) => (JsonObject)obj.DeepClone();
}
