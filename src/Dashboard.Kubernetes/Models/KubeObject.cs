using System.Globalization;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Models;

/// <summary>An owner reference.</summary>
public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller, bool BlockOwnerDeletion);

/// <summary>
/// Any Kubernetes object, backed by its JSON so that nothing the server sent is lost when it is edited and sent back
/// (fields this client has never heard of included). Typed models add accessors on top; custom resources use it as is.
/// </summary>
public class KubeObject
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private JsonObject? _json;

    // An object read from bytes is a cached version that every viewer shares and nobody changes: its identity (name,
    // namespace, uid, which Kubernetes never changes either) is read from the JSON once, and every page that lists it
    // holds the same strings instead of decoding its own copy on each refresh.
    private readonly bool _fromBytes;
    private string? _name, _uid;
    private string? _namespace = NotRead; // null is a value here (cluster-scoped)
    private static readonly string NotRead = new('\0', 1);

    /// <summary>Wraps a JSON object (not copied).</summary>
    public KubeObject(JsonObject json) => _json = json ?? throw new ArgumentNullException(nameof(json));

    private KubeObject(ReadOnlyMemory<byte> utf8)
    {
        _utf8 = utf8;
        _fromBytes = true;
    }

    /// <summary>
    /// Wraps an object's compact UTF-8 JSON, parsed on first use. Caches keep objects this way: bytes cost a sixth of
    /// a parsed tree. The bytes are not copied and must not change, and neither may the parsed object: to edit one,
    /// <see cref="Clone"/> it.
    /// </summary>
    public static KubeObject FromUtf8(ReadOnlyMemory<byte> utf8) => new(utf8);

    /// <summary>The object as JSON.</summary>
    public JsonObject Json => _json ?? Parse();

    private JsonObject Parse()
    {
        var parsed = JsonNode.Parse(_utf8.Span) as JsonObject ?? throw new System.Text.Json.JsonException("the cached bytes are not a JSON object");
        return Interlocked.CompareExchange(ref _json, parsed, null) ?? parsed;
    }

    /// <summary>The object as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8()
    {
        if (_json is null) return _utf8.ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) _json.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>apiVersion.</summary>
    public string ApiVersion => S(Json, "apiVersion") ?? "";
    /// <summary>kind.</summary>
    public string Kind => S(Json, "kind") ?? "";
    /// <summary>metadata (created when missing).</summary>
    public JsonObject Metadata => Child(Json, "metadata");
    /// <summary>metadata.name.</summary>
    public string Name => _fromBytes ? _name ??= S(Metadata, "name") ?? "" : S(Metadata, "name") ?? "";
    /// <summary>metadata.namespace, or null for cluster-scoped objects.</summary>
    public string? Namespace
    {
        get
        {
            if (!_fromBytes) return S(Metadata, "namespace");
            var ns = _namespace;
            if (ReferenceEquals(ns, NotRead)) _namespace = ns = S(Metadata, "namespace");
            return ns;
        }
    }
    /// <summary>metadata.uid.</summary>
    public string Uid => _fromBytes ? _uid ??= S(Metadata, "uid") ?? "" : S(Metadata, "uid") ?? "";
    /// <summary>metadata.resourceVersion (opaque: never compare numerically).</summary>
    public string? ResourceVersion => S(Metadata, "resourceVersion");
    /// <summary>metadata.generation.</summary>
    public long Generation => Metadata["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;
    /// <summary>metadata.creationTimestamp.</summary>
    public DateTimeOffset? CreationTimestamp => Time(S(Metadata, "creationTimestamp"));
    /// <summary>metadata.deletionTimestamp (set while the object is being deleted).</summary>
    public DateTimeOffset? DeletionTimestamp => Time(S(Metadata, "deletionTimestamp"));
    /// <summary>metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels => Map(Metadata["labels"]);
    /// <summary>metadata.annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations => Map(Metadata["annotations"]);
    /// <summary>metadata.finalizers.</summary>
    public IReadOnlyList<string> Finalizers => (Metadata["finalizers"] as JsonArray ?? []).Select(f => f?.ToString() ?? "").ToList();

    /// <summary>metadata.ownerReferences.</summary>
    public IReadOnlyList<OwnerReference> OwnerReferences =>
        (Metadata["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new OwnerReference(
            S(o, "apiVersion") ?? "", S(o, "kind") ?? "", S(o, "name") ?? "", S(o, "uid") ?? "",
            o["controller"] is JsonValue c && c.TryGetValue<bool>(out var cb) && cb,
            o["blockOwnerDeletion"] is JsonValue b && b.TryGetValue<bool>(out var bb) && bb)).ToList();

    /// <summary>The controlling owner, if any.</summary>
    public OwnerReference? Controller => OwnerReferences.FirstOrDefault(o => o.Controller);

    /// <summary>spec, or null.</summary>
    public JsonObject? Spec => Json["spec"] as JsonObject;
    /// <summary>status, or null.</summary>
    public JsonObject? Status => Json["status"] as JsonObject;

    /// <summary>A string at a dotted path (e.g. <c>status.phase</c>), or null.</summary>
    public string? GetString(string path) => At(Json, path) is JsonValue v ? v.ToString() : null;

    /// <summary>An integer at a dotted path, or null.</summary>
    public long? GetInt64(string path) => At(Json, path) is JsonValue v ? Int64(v) : null;

    // A parsed number converts to any numeric type; one set in code (obj["replicas"] = 3) is an int and does not.
    private static long? Int64(JsonValue v) => v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>A deep copy.</summary>
    public KubeObject Clone() => new((JsonObject)Json.DeepClone());

    /// <summary><c>namespace/name</c> or <c>name</c>.</summary>
    public override string ToString() => Namespace is { Length: > 0 } ns ? $"{ns}/{Name}" : Name;

    /// <summary>The node at a dotted path, or null.</summary>
    protected internal static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        return node;
    }

    /// <summary>A string property, or null.</summary>
    protected internal static string? S(JsonObject? o, string key) => o?[key] is JsonValue v ? v.ToString() : null;

    /// <summary>A child object, created when missing.</summary>
    protected internal static JsonObject Child(JsonObject o, string key)
    {
        if (o[key] is JsonObject c) return c;
        c = new JsonObject();
        o[key] = c;
        return c;
    }

    /// <summary>A string map.</summary>
    protected internal static IReadOnlyDictionary<string, string> Map(JsonNode? node) =>
        node is JsonObject o ? o.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal)
        : new Dictionary<string, string>();

    /// <summary>A Kubernetes timestamp.</summary>
    protected internal static DateTimeOffset? Time(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
