using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.OpenApi;

/// <summary>
/// Server-side field validation of write bodies against the kind's schema (built-in models, or the CRD's
/// openAPIV3Schema): <c>Strict</c> rejects unknown fields with 400 <c>strict decoding error</c>, <c>Warn</c> (the
/// default) answers with one <c>Warning</c> header per field, <c>Ignore</c> does nothing.
/// </summary>
internal sealed class FieldValidator(EmulatorContext context) : IBodyValidator
{
    public void Validate(ApiRequest request, ResourceType type, JsonObject body, bool isPatch)
    {
        var directive = request.Query("fieldValidation") is { Length: > 0 } d ? d : "Warn";
        if (directive is not ("Strict" or "Warn" or "Ignore"))
            throw ApiException.BadRequest($"fieldValidation: Unsupported value: \"{directive}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        if (directive == "Ignore") return;
        var unknown = UnknownFields(type, isPatch ? WithoutDirectives(body) : body);
        if (unknown.Count == 0) return;
        if (directive == "Strict")
        {
            var fields = string.Join(", ", unknown.Select(f => $"unknown field \"{f}\""));
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
        }
        foreach (var f in unknown)
            Microsoft.AspNetCore.Http.HeaderDictionaryExtensions.Append(request.Http.Response.Headers, "Warning", $"299 - \"unknown field \\\"{f}\\\"\"");
    }

    /// <summary>Unknown field paths of an object of <paramref name="type"/>; empty when the kind has no schema.</summary>
    public List<string> UnknownFields(ResourceType type, JsonObject obj)
    {
        var unknown = new List<string>();
        if (type.IsCustom)
        {
            var crd = context.Api.TryGet(context.Type("apiextensions.k8s.io", "customresourcedefinitions"), "", type.Key);
            if (CustomResourceSchema.Of(crd, type.Version) is { } schema) CustomResourceSchema.UnknownFields(schema, obj, unknown);
        }
        else if (KubeSchemas.Instance.RootOf(type.ApiVersion, type.Kind) is { } root)
            KubeSchemas.Instance.UnknownFields(root, obj, "", unknown);
        return unknown;
    }

    // Strategic merge patches carry directives ($patch, $setElementOrder/..., $retainKeys...) that are not fields.
    private static JsonObject WithoutDirectives(JsonObject patch)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in patch)
        {
            if (k.StartsWith('$')) continue;
            copy[k] = v switch
            {
                JsonObject o => WithoutDirectives(o),
                JsonArray a => new JsonArray(a.Select(e => e is JsonObject eo ? (JsonNode)WithoutDirectives(eo) : e?.DeepClone()).ToArray()),
                _ => v?.DeepClone(),
            };
        }
        return copy;
    }
}
