using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>Sums what the objects of a namespace use, for the quota admission plugin and the quota status controller.</summary>
internal static class QuotaCalculator
{
    /// <summary>Usage of every resource named in <paramref name="hard"/> (zero when nothing uses it).</summary>
    public static Dictionary<string, ExactQuantity> Used(ObjectStore store, ResourceCatalog catalog, string ns, IReadOnlyCollection<string> hard, JsonObject? quota = null)
    {
        var used = hard.ToDictionary(h => h, _ => ExactQuantity.Zero, StringComparer.Ordinal);
        foreach (var rt in RelevantTypes(catalog, hard))
        {
            foreach (var stored in store.List(rt, ns).Items)
            {
                var obj = stored.ToJson();
                if (quota is not null && !QuotaScopes.Matches(quota, rt, obj)) continue;
                foreach (var (name, q) in QuotaUsage.Of(rt, obj))
                    if (used.TryGetValue(name, out var sum)) used[name] = sum + q;
            }
        }
        return used;
    }

    /// <summary>The stored types whose objects count for any of the named resources (one version per resource).</summary>
    public static IEnumerable<ResourceType> RelevantTypes(ResourceCatalog catalog, IReadOnlyCollection<string> hard) =>
        catalog.Types.Where(t => !t.IsVirtual && t.Namespaced)
            .GroupBy(t => t.Key).Select(g => g.First())
            .Where(t => hard.Any(h => QuotaUsage.Tracks(t, h)));
}
