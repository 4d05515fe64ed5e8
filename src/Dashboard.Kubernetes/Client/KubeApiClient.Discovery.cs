using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Client;

public sealed partial class KubeApiClient
{
    /// <summary>
    /// Reads the server's API resources (legacy discovery: /api/v1, /apis, each group's preferred version), updates
    /// <see cref="Kinds"/> with them (CRDs and aggregated APIs included) and returns them. Subresources are folded into
    /// their parent's <see cref="ResourceKind.Subresources"/>.
    /// </summary>
    public async Task<IReadOnlyList<ResourceKind>> DiscoverAsync(CancellationToken ct = default)
    {
        var found = new List<ResourceKind>();
        found.AddRange(await ResourcesAsync("", "v1", "/api/v1", ct).ConfigureAwait(false));
        var groups = await SendJsonAsync(HttpMethod.Get, "/apis", null, null, ct).ConfigureAwait(false);
        var tasks = new List<Task<List<ResourceKind>>>();
        foreach (var g in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string?)g["name"] ?? "";
            var preferred = (string?)g["preferredVersion"]?["version"];
            if (preferred is null) continue;
            tasks.Add(ResourcesAsync(name, preferred, $"/apis/{name}/{preferred}", ct));
        }
        foreach (var t in tasks) found.AddRange(await t.ConfigureAwait(false));
        Kinds.Update(found);
        return found;
    }

    private async Task<List<ResourceKind>> ResourcesAsync(string group, string version, string path, CancellationToken ct)
    {
        JsonObject list;
        try
        {
            list = await SendJsonAsync(HttpMethod.Get, path, null, null, ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound || e.Code == 503)
        {
            return []; // an aggregated API that is down must not hide the rest of the cluster
        }
        var entries = (list["resources"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var subresources = entries.Select(e => (string?)e["name"] ?? "").Where(n => n.Contains('/', StringComparison.Ordinal))
            .GroupBy(n => n[..n.IndexOf('/', StringComparison.Ordinal)]).ToDictionary(g => g.Key, g => g.Select(n => n[(n.IndexOf('/', StringComparison.Ordinal) + 1)..]).ToList());
        var builtIn = BuiltInKinds.All.Select(k => k.ApiVersion + "/" + k.Kind).ToHashSet(StringComparer.Ordinal);
        var kinds = new List<ResourceKind>();
        foreach (var e in entries)
        {
            var plural = (string?)e["name"] ?? "";
            if (plural.Contains('/', StringComparison.Ordinal)) continue;
            var kind = (string?)e["kind"] ?? "";
            kinds.Add(new ResourceKind(group, version, kind, plural, e["namespaced"] is JsonValue ns && ns.GetValue<bool>())
            {
                Singular = (string?)e["singularName"] is { Length: > 0 } s ? s : kind.ToLowerInvariant(),
                ShortNames = Strings(e["shortNames"]),
                Categories = Strings(e["categories"]),
                Verbs = Strings(e["verbs"]),
                Subresources = subresources.TryGetValue(plural, out var subs) ? subs : [],
                IsCustom = !builtIn.Contains((group.Length == 0 ? version : $"{group}/{version}") + "/" + kind) && group.Contains('.', StringComparison.Ordinal)
                    && !group.EndsWith(".k8s.io", StringComparison.Ordinal),
            });
        }
        return kinds;
    }

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(x => x?.ToString() ?? "").ToList();
}
