using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.OpenApi;

/// <summary>
/// The field structure of the built-in kinds (names and types of every field, from the Kubernetes OpenAPI models),
/// loaded from an embedded table. It drives both the OpenAPI documents kubectl downloads and server-side field
/// validation. Type references are encoded compactly: a model name, <c>[]T</c>, <c>map:T</c>, or a primitive
/// (<c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>Date</c>, <c>IntOrString</c>, <c>any</c>, <c>object</c>).
/// </summary>
internal sealed class KubeSchemas
{
    private readonly Dictionary<string, string> _roots;
    private readonly Dictionary<string, Dictionary<string, string>> _types;

    private KubeSchemas(Dictionary<string, string> roots, Dictionary<string, Dictionary<string, string>> types)
    {
        _roots = roots;
        _types = types;
    }

    /// <summary>The table shipped with the emulator.</summary>
    public static KubeSchemas Instance { get; } = Load();

    private static KubeSchemas Load()
    {
        using var stream = typeof(KubeSchemas).Assembly.GetManifestResourceStream("Dashboard.Kubernetes.Emulator.OpenApi.kube-schemas.json")
            ?? throw new InvalidOperationException("kube-schemas.json is not embedded");
        using var doc = JsonDocument.Parse(stream);
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.GetProperty("roots").EnumerateObject()) roots[p.Name] = p.Value.GetString()!;
        var types = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var t in doc.RootElement.GetProperty("types").EnumerateObject())
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var f in t.Value.EnumerateObject()) fields[f.Name] = f.Value.GetString()!;
            types[t.Name] = fields;
        }
        return new KubeSchemas(roots, types);
    }

    /// <summary>The model name of a kind (e.g. <c>V1Deployment</c> for apps/v1 Deployment), or null when unknown.</summary>
    public string? RootOf(string apiVersion, string kind) => _roots.GetValueOrDefault(apiVersion + "/" + kind);

    /// <summary>True when the encoded type names a model (an object with known fields).</summary>
    public bool IsModel(string type) => _types.ContainsKey(type);

    /// <summary>The fields of a model.</summary>
    public IReadOnlyDictionary<string, string> Fields(string model) => _types[model];

    /// <summary>Models reachable from a root, the root included.</summary>
    public IEnumerable<string> Reachable(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!_types.TryGetValue(t, out var fields) || !seen.Add(t)) continue;
            foreach (var f in fields.Values) stack.Push(Element(f));
        }
        return seen;
    }

    /// <summary>Paths of fields in <paramref name="node"/> that the model does not declare, as the API server names them.</summary>
    public void UnknownFields(string type, JsonNode? node, string path, List<string> unknown)
    {
        if (node is null) return;
        if (type.StartsWith("[]", StringComparison.Ordinal))
        {
            if (node is not JsonArray a) return;
            var element = type[2..];
            for (var i = 0; i < a.Count; i++) UnknownFields(element, a[i], $"{path}[{i}]", unknown);
            return;
        }
        if (type.StartsWith("map:", StringComparison.Ordinal))
        {
            if (node is not JsonObject m) return;
            var element = type[4..];
            foreach (var (k, v) in m) UnknownFields(element, v, Join(path, k), unknown);
            return;
        }
        if (!_types.TryGetValue(type, out var fields) || node is not JsonObject o) return;
        foreach (var (k, v) in o)
        {
            if (fields.TryGetValue(k, out var fieldType)) UnknownFields(fieldType, v, Join(path, k), unknown);
            else unknown.Add(Join(path, k));
        }
    }

    /// <summary>The OpenAPI v3 schema of an encoded type, referring to models under <c>#/components/schemas</c>.</summary>
    public JsonObject SchemaOf(string type)
    {
        if (type.StartsWith("[]", StringComparison.Ordinal))
            return new JsonObject { ["type"] = "array", ["items"] = SchemaOf(type[2..]) };
        if (type.StartsWith("map:", StringComparison.Ordinal))
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = SchemaOf(type[4..]) };
        return type switch
        {
            "string" => new JsonObject { ["type"] = "string" },
            "number" => new JsonObject { ["type"] = "number", ["format"] = "double" },
            "integer" => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            "boolean" => new JsonObject { ["type"] = "boolean" },
            "Date" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            "IntOrString" => new JsonObject { ["x-kubernetes-int-or-string"] = true },
            "any" or "object" => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            _ when _types.ContainsKey(type) => new JsonObject { ["$ref"] = "#/components/schemas/" + ComponentName(type) },
            _ => new JsonObject(),
        };
    }

    /// <summary>The component schema of a model: an object with its properties.</summary>
    public JsonObject ModelSchema(string model)
    {
        var properties = new JsonObject();
        foreach (var (name, type) in _types[model]) properties[name] = SchemaOf(type);
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    /// <summary>
    /// The component name of a model: its version prefix becomes a dotted package (<c>V1PodSpec</c> →
    /// <c>io.k8s.v1.PodSpec</c>, <c>EventsV1Event</c> → <c>io.k8s.eventsv1.Event</c>), so that tools showing the last
    /// segment (kubectl explain) print the Kubernetes type name.
    /// </summary>
    public static string ComponentName(string model)
    {
        var i = 0;
        while (i < model.Length && !(model[i] == 'V' && i + 1 < model.Length && char.IsAsciiDigit(model[i + 1]))) i++;
        if (i == model.Length) return "io.k8s." + model;
        var j = i + 1;
        while (j < model.Length && (char.IsAsciiDigit(model[j]) || char.IsAsciiLetterLower(model[j]))) j++;
        return j >= model.Length ? "io.k8s." + model : $"io.k8s.{model[..j].ToLowerInvariant()}.{model[j..]}";
    }

    private static string Element(string type)
    {
        while (true)
        {
            if (type.StartsWith("[]", StringComparison.Ordinal)) type = type[2..];
            else if (type.StartsWith("map:", StringComparison.Ordinal)) type = type[4..];
            else return type;
        }
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : path + "." + field;
}
