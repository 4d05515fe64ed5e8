using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.OpenApi;

/// <summary>The structural schema of a custom resource version, read from its CRD's <c>openAPIV3Schema</c>.</summary>
internal static class CustomResourceSchema
{
    /// <summary>The openAPIV3Schema of <paramref name="version"/> in a CRD object, or null.</summary>
    public static JsonObject? Of(JsonObject? crd, string version)
    {
        foreach (var v in crd.Items("spec.versions"))
            if (v.Str("name") == version) return v.At("schema.openAPIV3Schema") as JsonObject;
        return null;
    }

    /// <summary>Unknown fields of a custom object: not declared in the schema, outside preserve-unknown-fields subtrees.</summary>
    public static void UnknownFields(JsonObject schema, JsonObject obj, List<string> unknown)
    {
        foreach (var (k, v) in obj)
        {
            if (k is "apiVersion" or "kind") continue;
            if (k == "metadata")
            {
                KubeSchemas.Instance.UnknownFields("V1ObjectMeta", v, "metadata", unknown);
                continue;
            }
            if (schema["properties"] is JsonObject props && props[k] is JsonObject fieldSchema) Walk(fieldSchema, v, k, unknown);
            else if (schema.Bool("x-kubernetes-preserve-unknown-fields") != true) unknown.Add(k);
        }
    }

    private static void Walk(JsonObject schema, JsonNode? node, string path, List<string> unknown)
    {
        if (node is null || schema.Bool("x-kubernetes-preserve-unknown-fields") == true) return;
        if (node is JsonArray a)
        {
            if (schema["items"] is JsonObject items)
                for (var i = 0; i < a.Count; i++) Walk(items, a[i], $"{path}[{i}]", unknown);
            return;
        }
        if (node is not JsonObject o) return;
        if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var (k, v) in o) Walk(additional, v, path + "." + k, unknown);
            return;
        }
        if (schema["additionalProperties"] is JsonValue) return; // additionalProperties: true
        if (schema["properties"] is not JsonObject props)
        {
            // An object without declared properties keeps nothing (pruning), so every key is unknown.
            if (schema.Str("type") == "object") foreach (var (k, _) in o) unknown.Add(path + "." + k);
            return;
        }
        foreach (var (k, v) in o)
        {
            if (props[k] is JsonObject fieldSchema) Walk(fieldSchema, v, path + "." + k, unknown);
            else unknown.Add(path + "." + k);
        }
    }
}
