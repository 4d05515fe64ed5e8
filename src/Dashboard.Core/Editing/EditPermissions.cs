using System.Text.Json.Nodes;
using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing;

/// <summary>
/// Which verbs the YAML flows need, as <see cref="AccessQuery"/> values for <see cref="PermissionService"/>: the UI
/// offers write mode only when every query is allowed, and shows the first refusal's explanation otherwise.
/// </summary>
public static class EditPermissions
{
    /// <summary>Editing replaces the object (PUT): <c>update</c> on it.</summary>
    public static IReadOnlyList<AccessQuery> ForEdit(ObjectRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return [new AccessQuery("update", target.Kind.Group, target.Kind.Plural, target.Kind.Namespaced ? target.Namespace : null, target.Name)];
    }

    /// <summary>Creating with server-side apply: <c>create</c> for a new object and <c>patch</c>, the verb of an apply.</summary>
    public static IReadOnlyList<AccessQuery> ForCreate(ResourceKind kind, string? ns)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var scope = kind.Namespaced ? ns : null;
        return [new AccessQuery("create", kind.Group, kind.Plural, scope), new AccessQuery("patch", kind.Group, kind.Plural, scope)];
    }

    /// <summary>
    /// The queries for every document of a create text whose kind the cluster serves (invalid YAML or unknown kinds
    /// give none: the dry run reports those).
    /// </summary>
    public static IReadOnlyList<AccessQuery> ForDocuments(string text, string defaultNamespace, ResourceKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        List<JsonNode?> documents;
        try { documents = Kubernetes.Serialization.YamlDocuments.ParseAll(text); }
        catch (Kubernetes.Serialization.YamlParseException) { return []; }
        var queries = new List<AccessQuery>();
        foreach (var doc in documents.OfType<JsonObject>())
        {
            if (kinds.FindByKind((string?)doc["apiVersion"] ?? "", (string?)doc["kind"] ?? "") is not { } kind) continue;
            var ns = doc["metadata"]?["namespace"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : defaultNamespace;
            queries.AddRange(ForCreate(kind, ns));
        }
        return queries.Distinct().ToList();
    }

    /// <summary>Asks every query; the first refusal, or <see cref="AccessAnswer.Yes"/>.</summary>
    public static async Task<AccessAnswer> CheckAsync(PermissionService permissions, string cluster, string identity, IEnumerable<AccessQuery> queries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var answers = await permissions.CanAllAsync(cluster, identity, queries, ct).ConfigureAwait(false);
        return answers.Values.FirstOrDefault(a => !a.Allowed) ?? AccessAnswer.Yes;
    }
}
