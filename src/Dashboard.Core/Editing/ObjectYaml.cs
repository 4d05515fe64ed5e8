using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing;

/// <summary>
/// An object as YAML, the way <c>kubectl get -o yaml</c> prints it: keys sorted, except that the top level reads
/// apiVersion, kind, metadata first and status last. metadata.managedFields is noise for a person and hidden unless
/// asked for.
/// </summary>
public static class ObjectYaml
{
    private static readonly string[] Leading = ["apiVersion", "kind", "metadata"];

    /// <summary>Renders one object.</summary>
    public static string Render(JsonObject obj, bool includeManagedFields = false)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return YamlWriter.Write(includeManagedFields ? obj : WithoutManagedFields(obj), Order);
    }

    /// <summary>Renders one object.</summary>
    public static string Render(KubeObject obj, bool includeManagedFields = false) => Render(obj?.Json!, includeManagedFields);

    /// <summary>Renders several objects as one multi-document stream.</summary>
    public static string RenderAll(IEnumerable<JsonObject> objects, bool includeManagedFields = false) =>
        string.Join("---\n", objects.Select(o => Render(o, includeManagedFields)));

    /// <summary>Any JSON value as YAML (no key reordering beyond sorting), e.g. a fragment for a conflict list.</summary>
    public static string RenderValue(JsonNode? value) => YamlWriter.Write(value, Order);

    /// <summary>A copy without metadata.managedFields (the input is left alone).</summary>
    public static JsonObject WithoutManagedFields(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj["metadata"] is not JsonObject meta || !meta.ContainsKey("managedFields")) return obj;
        var copy = (JsonObject)obj.DeepClone();
        ((JsonObject)copy["metadata"]!).Remove("managedFields");
        return copy;
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Order(JsonObject o, string path)
    {
        var sorted = o.OrderBy(kv => kv.Key, StringComparer.Ordinal);
        if (path.Length != 0) return sorted;
        return sorted.OrderBy(kv => Array.IndexOf(Leading, kv.Key) is var i and >= 0 ? i : kv.Key == "status" ? 4 : 3);
    }
}
