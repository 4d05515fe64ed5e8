using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The ResourceQuota admission plugin: a create that would take a namespace over a quota's hard limits is refused
/// with 403 and the real "exceeded quota" / "failed quota" messages. Usage is computed from storage at admission time,
/// so it is exact even before the quota controller has updated status.used.
/// </summary>
internal sealed class ResourceQuotaPlugin(ObjectApi api) : IAdmissionPlugin
{
    public const string Key = "resourcequotas";
    private readonly object _gate = new();

    public int Order => 600;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation != AdmissionOperation.Create || request.DryRun || !request.Type.Namespaced || request.Type.IsVirtual) return;
        if (request.Type.Key == "events") return;
        var quotaType = api.Catalog.FindPreferred("", Key);
        if (quotaType is null) return;
        var ns = request.Object.Namespace();
        var quotas = api.List(quotaType, ns);
        if (quotas.Count == 0) return;
        var delta = QuotaUsage.Of(request.Type, request.Object);
        // Checks and the following store write are not atomic; serializing the checks keeps parallel creates from
        // both squeezing under the same limit in the common case.
        lock (_gate)
        {
            foreach (var quota in quotas.OrderBy(q => q.Name(), StringComparer.Ordinal))
            {
                if (!QuotaScopes.Matches(quota, request.Type, request.Object)) continue;
                var hard = Json.StringMap(quota.At("spec.hard"));
                var relevant = hard.Keys.Where(h => delta.ContainsKey(h) && QuotaUsage.Tracks(request.Type, h)).ToList();
                if (relevant.Count == 0) continue;
                if (request.Type.Key == PodSpecLocations.PodKey && QuotaUsage.MissingCompute(request.Object, relevant) is { } missing)
                    throw Forbidden(request, $"failed quota: {quota.Name()}: must specify {missing}");
                var used = QuotaCalculator.Used(api.Store, api.Catalog, ns, relevant, quota);
                var exceeded = relevant
                    .Where(h => (used[h] + delta[h]).CompareTo(ExactQuantity.Parse(hard[h])) > 0 && delta[h].Value > 0)
                    .Order(StringComparer.Ordinal).ToList();
                if (exceeded.Count == 0) continue;
                string Print(Func<string, string> value) => string.Join(",", exceeded.Select(h => $"{h}={value(h)}"));
                throw Forbidden(request,
                    $"exceeded quota: {quota.Name()}, requested: {Print(h => delta[h].ToString())}, used: {Print(h => used[h].ToString())}, limited: {Print(h => ExactQuantity.Parse(hard[h]).ToString())}");
            }
        }
    }

    private static ApiException Forbidden(AdmissionRequest request, string why) =>
        ApiException.Forbidden($"{request.Type.QualifiedName} \"{request.Object.Name()}\" is forbidden: {why}", request.Type, request.Object.Name());
}
