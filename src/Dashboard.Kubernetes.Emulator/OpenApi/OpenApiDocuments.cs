using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.OpenApi;

/// <summary>
/// The OpenAPI v3 discovery index and one document per group-version, built from the catalog. Each kind gets its
/// schema and a PATCH operation carrying <c>x-kubernetes-group-version-kind</c> and the <c>fieldValidation</c>
/// parameter: that is what makes kubectl's create/apply validate server-side (<c>?fieldValidation=Strict</c>).
/// Strategic merge is deliberately not listed among the PATCH content types, so that kubectl apply computes
/// strategic patches from its compiled-in types (and JSON merge patches for custom resources).
/// </summary>
internal sealed class OpenApiDocuments
{
    private static readonly string[] PatchTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];
    private readonly EmulatorContext _context;
    private readonly Dictionary<string, (byte[] Body, string Hash)> _cache = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public OpenApiDocuments(EmulatorContext context)
    {
        _context = context;
        context.Catalog.Changed += () => { lock (_gate) _cache.Clear(); };
    }

    /// <summary>The path of a group-version under /openapi/v3: <c>api/v1</c> or <c>apis/apps/v1</c>.</summary>
    public static string PathOf(string group, string version) => group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";

    /// <summary>The index: every served group-version with a URL that changes whenever its document does.</summary>
    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in GroupVersions())
        {
            var path = PathOf(group, version);
            var (_, hash) = Document(path)!.Value;
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The serialized document of a group-version path and its hash, or null when nothing is served there.</summary>
    public (byte[] Body, string Hash)? Document(string path)
    {
        lock (_gate)
            if (_cache.TryGetValue(path, out var cached)) return cached;
        var gv = GroupVersions().FirstOrDefault(g => PathOf(g.Group, g.Version) == path);
        if (gv.Version is null) return null;
        var body = Json.Bytes(Build(gv.Group, gv.Version));
        var hash = Convert.ToHexString(SHA512.HashData(body));
        lock (_gate) _cache[path] = (body, hash);
        return (body, hash);
    }

    private List<(string Group, string Version)> GroupVersions() =>
        _context.Catalog.Types.Select(t => (t.Group, t.Version)).Distinct().ToList();

    private JsonObject Build(string group, string version)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var rt in _context.Catalog.Types.Where(t => t.Group == group && t.Version == version))
        {
            var schemaName = AddSchemas(rt, schemas);
            var reference = new JsonObject { ["$ref"] = "#/components/schemas/" + schemaName };
            var prefix = "/" + PathOf(group, version) + (rt.Namespaced ? "/namespaces/{namespace}/" : "/") + rt.Plural;
            var collection = paths[prefix] as JsonObject ?? new JsonObject();
            paths[prefix] = collection;
            if (rt.Verbs.Contains("create")) collection["post"] = Operation(rt, "post", "create", reference, JsonBody(reference));
            if (rt.Verbs.Contains("list")) collection["get"] = Operation(rt, "list", "list", reference, null);
            if (rt.Verbs.Contains("patch"))
            {
                var item = new JsonObject
                {
                    ["get"] = Operation(rt, "get", "read", reference, null),
                    ["put"] = Operation(rt, "put", "replace", reference, JsonBody(reference)),
                    ["patch"] = Operation(rt, "patch", "patch", reference, PatchBody()),
                    ["delete"] = Operation(rt, "delete", "delete", reference, null),
                    ["parameters"] = new JsonArray(PathParameters(rt, withName: true)),
                };
                paths[prefix + "/{name}"] = item;
            }
            collection["parameters"] = new JsonArray(PathParameters(rt, withName: false));
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.4" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private string AddSchemas(ResourceType rt, JsonObject schemas)
    {
        var gvk = new JsonArray(new JsonObject { ["group"] = rt.Group, ["kind"] = rt.Kind, ["version"] = rt.Version });
        var kube = KubeSchemas.Instance;
        if (!rt.IsCustom && kube.RootOf(rt.ApiVersion, rt.Kind) is { } root)
        {
            foreach (var model in kube.Reachable(root))
                schemas[KubeSchemas.ComponentName(model)] ??= kube.ModelSchema(model);
            ((JsonObject)schemas[KubeSchemas.ComponentName(root)]!)["x-kubernetes-group-version-kind"] = gvk;
            return KubeSchemas.ComponentName(root);
        }
        var name = string.Join('.', rt.Group.Split('.').AsEnumerable().Reverse()) + "." + rt.Version + "." + rt.Kind;
        foreach (var model in kube.Reachable("V1ObjectMeta"))
            schemas[KubeSchemas.ComponentName(model)] ??= kube.ModelSchema(model);
        JsonObject schema;
        if (rt.IsCustom && CustomResourceSchema.Of(_context.Api.TryGet(_context.Type("apiextensions.k8s.io", "customresourcedefinitions"), "", rt.Key), rt.Version) is { } crdSchema)
            schema = crdSchema.Clone();
        else
            schema = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        var props = schema["properties"] as JsonObject ?? new JsonObject();
        schema["properties"] = props;
        props["apiVersion"] = new JsonObject { ["type"] = "string" };
        props["kind"] = new JsonObject { ["type"] = "string" };
        props["metadata"] = new JsonObject { ["$ref"] = "#/components/schemas/" + KubeSchemas.ComponentName("V1ObjectMeta") };
        schema["x-kubernetes-group-version-kind"] = gvk;
        schemas[name] = schema;
        return name;
    }

    private static JsonObject Operation(ResourceType rt, string verb, string action, JsonObject reference, JsonObject? body)
    {
        var op = new JsonObject
        {
            ["operationId"] = $"{action}{rt.Kind}",
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = verb,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = rt.Group, ["kind"] = rt.Kind, ["version"] = rt.Version },
        };
        if (body is not null)
        {
            op["requestBody"] = body;
            op["parameters"] = new JsonArray(
                QueryParameter("dryRun", "When present, indicates that modifications should not be persisted."),
                QueryParameter("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
                QueryParameter("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn (the default) - Strict"));
            if (verb == "patch") ((JsonArray)op["parameters"]!).Add(QueryParameter("force", "Force is going to \"force\" Apply requests.", "boolean"));
        }
        return op;
    }

    private static JsonObject QueryParameter(string name, string description, string type = "string") => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonNode[] PathParameters(ResourceType rt, bool withName)
    {
        var list = new List<JsonNode>();
        if (withName) list.Add(PathParameter("name", "name of the " + rt.Kind));
        if (rt.Namespaced) list.Add(PathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        return [.. list];
    }

    private static JsonObject PathParameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["description"] = description,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject JsonBody(JsonObject reference) => new()
    {
        ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = reference.DeepClone() } },
        ["required"] = true,
    };

    private static JsonObject PatchBody()
    {
        var content = new JsonObject();
        foreach (var t in PatchTypes) content[t] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
        return new JsonObject { ["content"] = content, ["required"] = true };
    }
}
