using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// What one object counts against a ResourceQuota, by resource name (<c>pods</c>, <c>requests.cpu</c>,
/// <c>count/deployments.apps</c>...), as the quota evaluators of kube-apiserver compute it.
/// </summary>
internal static class QuotaUsage
{
    // Quota resource names that stand for compute requests or limits of pods.
    private static readonly Dictionary<string, (string Field, string Resource)> ComputeNames = new(StringComparer.Ordinal)
    {
        ["cpu"] = ("requests", "cpu"),
        ["memory"] = ("requests", "memory"),
        ["ephemeral-storage"] = ("requests", "ephemeral-storage"),
        ["requests.cpu"] = ("requests", "cpu"),
        ["requests.memory"] = ("requests", "memory"),
        ["requests.ephemeral-storage"] = ("requests", "ephemeral-storage"),
        ["limits.cpu"] = ("limits", "cpu"),
        ["limits.memory"] = ("limits", "memory"),
        ["limits.ephemeral-storage"] = ("limits", "ephemeral-storage"),
    };

    private static readonly Dictionary<string, Action<JsonObject, Dictionary<string, ExactQuantity>>> Evaluators = new(StringComparer.Ordinal)
    {
        ["pods"] = Pod,
        ["services"] = Service,
        ["persistentvolumeclaims"] = Claim,
        ["configmaps"] = (_, u) => u["configmaps"] = One,
        ["secrets"] = (_, u) => u["secrets"] = One,
        ["replicationcontrollers"] = (_, u) => u["replicationcontrollers"] = One,
        ["resourcequotas"] = (_, u) => u["resourcequotas"] = One,
    };

    private static readonly Dictionary<string, Func<string, bool>> Tracked = new(StringComparer.Ordinal)
    {
        ["pods"] = name => name == "pods" || ComputeNames.ContainsKey(name),
        ["services"] = name => name.StartsWith("services", StringComparison.Ordinal),
        ["persistentvolumeclaims"] = name => name is "persistentvolumeclaims" or "requests.storage"
            || name.Contains(".storageclass.storage.k8s.io/", StringComparison.Ordinal),
    };

    private static ExactQuantity One => new(1m, false);

    /// <summary>The object-count resource name of a type: <c>count/pods</c>, <c>count/deployments.apps</c>.</summary>
    public static string CountName(ResourceType rt) => "count/" + rt.Key;

    /// <summary>Everything the object uses.</summary>
    public static Dictionary<string, ExactQuantity> Of(ResourceType rt, JsonObject obj)
    {
        var usage = new Dictionary<string, ExactQuantity>(StringComparer.Ordinal);
        if (rt.Key == "pods" && IsTerminal(obj)) return usage;
        usage[CountName(rt)] = One;
        if (Evaluators.TryGetValue(rt.Key, out var evaluate)) evaluate(obj, usage);
        return usage;
    }

    /// <summary>True when quota resource <paramref name="name"/> is computed from the objects of <paramref name="rt"/>.</summary>
    public static bool Tracks(ResourceType rt, string name)
    {
        if (name == CountName(rt)) return true;
        if (Tracked.TryGetValue(rt.Key, out var tracks)) return tracks(name);
        return name == rt.Plural && Evaluators.ContainsKey(rt.Key);
    }

    /// <summary>
    /// Compute resources a pod must specify for every container because a quota limits them:
    /// "cpu for: a,b; memory for: a" or null when nothing is missing.
    /// </summary>
    public static string? MissingCompute(JsonObject pod, IEnumerable<string> hardNames)
    {
        var missing = new List<string>();
        var containers = pod.Items("spec.initContainers").Concat(pod.Items("spec.containers")).ToList();
        foreach (var name in hardNames.Where(ComputeNames.ContainsKey).Order(StringComparer.Ordinal))
        {
            var (field, resource) = ComputeNames[name];
            var lacking = containers.Where(c => c.At($"resources.{field}.{resource}") is null).Select(c => c.Str("name") ?? "").ToList();
            if (lacking.Count > 0) missing.Add($"{name} for: {string.Join(",", lacking)}");
        }
        return missing.Count == 0 ? null : string.Join("; ", missing);
    }

    private static bool IsTerminal(JsonObject pod) => pod.Str("status.phase") is "Succeeded" or "Failed";

    private static void Pod(JsonObject pod, Dictionary<string, ExactQuantity> usage)
    {
        usage["pods"] = One;
        foreach (var (name, (field, resource)) in ComputeNames)
        {
            var sum = ExactQuantity.Zero;
            foreach (var c in pod.Items("spec.containers")) sum += ExactQuantity.Parse(c.Str($"resources.{field}.{resource}"));
            // Init containers run one at a time before the others: the pod needs the larger of the two.
            foreach (var c in pod.Items("spec.initContainers"))
            {
                var q = ExactQuantity.Parse(c.Str($"resources.{field}.{resource}"));
                if (q.CompareTo(sum) > 0) sum = q;
            }
            usage[name] = sum;
        }
    }

    private static void Service(JsonObject svc, Dictionary<string, ExactQuantity> usage)
    {
        usage["services"] = One;
        var type = svc.Str("spec.type") ?? "ClusterIP";
        var nodePorts = type is "NodePort" or "LoadBalancer" ? svc.Items("spec.ports").Count() : 0;
        usage["services.nodeports"] = new(nodePorts, false);
        usage["services.loadbalancers"] = new(type == "LoadBalancer" ? 1 : 0, false);
    }

    private static void Claim(JsonObject pvc, Dictionary<string, ExactQuantity> usage)
    {
        usage["persistentvolumeclaims"] = One;
        var storage = ExactQuantity.Parse(pvc.Str("spec.resources.requests.storage"));
        usage["requests.storage"] = storage;
        if (pvc.Str("spec.storageClassName") is { Length: > 0 } cls)
        {
            usage[$"{cls}.storageclass.storage.k8s.io/requests.storage"] = storage;
            usage[$"{cls}.storageclass.storage.k8s.io/persistentvolumeclaims"] = One;
        }
    }
}
