using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Admission;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The resourcequota controller: <c>status.hard</c> mirrors the spec and <c>status.used</c> follows the objects of the
/// namespace, recomputed whenever something a quota counts changes.
/// </summary>
internal sealed class ResourceQuotaController(EmulatorContext context) : ReconcilingController(context)
{
    private readonly ResourceType _quotas = context.Type("", ResourceQuotaPlugin.Key);
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal) { "events", "events.events.k8s.io", "leases.coordination.k8s.io", "endpoints", "endpointslices.discovery.k8s.io" };

    protected override IEnumerable<ResourceType> Watched =>
        [_quotas, .. Context.Catalog.Types.Where(t => t.Namespaced && !t.IsVirtual && !_ignored.Contains(t.Key) && t.Key != _quotas.Key)
            .GroupBy(t => t.Key).Select(g => g.First())];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var o = change.Object;
        if (o.Type.Key == _quotas.Key) return change.Type == WatchEventType.Deleted ? [] : [o.Key];
        // Only status writes of pods that do not change phase are frequent and irrelevant; quotas per namespace are few.
        return Context.Store.List(_quotas, o.Namespace).Items.Select(q => q.Key).ToList();
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        var quota = Context.Api.TryGet(_quotas, ns, name);
        if (quota is null) return Task.CompletedTask;
        var hard = Json.StringMap(quota.At("spec.hard"));
        var used = QuotaCalculator.Used(Context.Store, Context.Catalog, ns, hard.Keys, quota);
        var status = new JsonObject
        {
            ["hard"] = Sorted(hard.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)),
            ["used"] = Sorted(used.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal)),
        };
        if (JsonNode.DeepEquals(quota["status"], status)) return Task.CompletedTask;
        quota["status"] = status;
        Context.Api.Save(_quotas, quota, "status");
        return Task.CompletedTask;
    }

    private static JsonObject Sorted(Dictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }
}
