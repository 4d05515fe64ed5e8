using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>The numbers of a PodDisruptionBudget's status, or why they could not be computed.</summary>
internal sealed record BudgetCounts(int Expected, int Desired, int Current, string? Error)
{
    public int Allowed => Error is null ? Math.Max(0, Current - Desired) : 0;
}

/// <summary>
/// The disruption controller's arithmetic: which pods a budget covers, how many are healthy (Ready, not being deleted,
/// not recently evicted), how many are expected (pods for an integer minAvailable, the owning controllers' replicas for
/// percentages and maxUnavailable) and how many must stay healthy (percentages round up).
/// </summary>
internal static class DisruptionBudget
{
    /// <summary>How long an eviction keeps a pod out of the healthy count while its deletion is observed.</summary>
    public static readonly TimeSpan DisruptedPodTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The pods the budget selects (policy/v1: an empty selector selects every pod of the namespace).</summary>
    public static List<JsonObject> Pods(EmulatorContext context, JsonObject pdb)
    {
        var selector = LabelSelector.FromObject(pdb.At("spec.selector"));
        if (selector.MatchesNothing) return [];
        return context.Api.List(context.Type("", "pods"), pdb.Namespace(), selector);
    }

    /// <summary>True when the budget's selector matches these labels.</summary>
    public static bool Selects(JsonObject pdb, IReadOnlyDictionary<string, string> labels)
    {
        var selector = LabelSelector.FromObject(pdb.At("spec.selector"));
        return !selector.MatchesNothing && selector.Matches(labels);
    }

    public static BudgetCounts Count(EmulatorContext context, JsonObject pdb, List<JsonObject> pods, DateTimeOffset now)
    {
        var disrupted = pdb.At("status.disruptedPods") as JsonObject;
        var current = pods.Count(p => p.At("metadata.deletionTimestamp") is null && IsReady(p) && !RecentlyDisrupted(disrupted, p.Name(), now));
        var minAvailable = pdb.At("spec.minAvailable");
        var maxUnavailable = pdb.At("spec.maxUnavailable");
        if (maxUnavailable is null && minAvailable is null) return new(pods.Count, 0, current, null);
        if (maxUnavailable is null && !IsPercent(minAvailable))
            return new(pods.Count, (int)Scaled(minAvailable, 0), current, null);
        var (expected, error) = ControllerScale(context, pods);
        if (error is not null) return new(0, 0, current, error);
        var desired = maxUnavailable is not null
            ? Math.Max(0, expected - (int)Scaled(maxUnavailable, expected))
            : (int)Scaled(minAvailable, expected);
        return new(expected, desired, current, null);
    }

    public static bool IsReady(JsonObject pod) =>
        pod.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    private static bool RecentlyDisrupted(JsonObject? disrupted, string name, DateTimeOffset now) =>
        disrupted?[name] is JsonNode t && Json.ParseTime(t.ToString()) is { } at && now - at < DisruptedPodTimeout;

    private static bool IsPercent(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && s.EndsWith('%');

    /// <summary>intstr.GetScaledValueFromIntOrPercent with roundUp.</summary>
    private static long Scaled(JsonNode? value, int total)
    {
        if (value is not JsonValue v) return 0;
        if (v.TryGetValue<string>(out var s))
        {
            if (s.EndsWith('%') && decimal.TryParse(s[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var pct))
                return (long)Math.Ceiling(pct * total / 100m);
            return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        return v.TryGetValue<double>(out var d) ? (long)d : 0;
    }

    /// <summary>Sum of the replicas of the controllers owning the pods (a Deployment's through its ReplicaSet).</summary>
    private static (int Expected, string? Error) ControllerScale(EmulatorContext context, List<JsonObject> pods)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var owner = pod.Items("metadata.ownerReferences").FirstOrDefault(o => o.Bool("controller") == true);
            if (owner is null) return (0, $"found no controllers for pod \"{pod.Name()}\"");
            var (uid, replicas) = Resolve(context, pod.Namespace(), owner);
            if (uid is null) return (0, $"found no controllers for pod \"{pod.Name()}\"");
            seen[uid] = replicas;
        }
        return (seen.Values.Sum(), null);
    }

    private static (string? Uid, int Replicas) Resolve(EmulatorContext context, string ns, JsonObject owner)
    {
        var rt = context.Catalog.FindByKind(owner.Str("apiVersion") ?? "", owner.Str("kind") ?? "");
        if (rt is null) return (null, 0);
        var obj = context.Store.Get(rt, ns, owner.Str("name") ?? "")?.ToJson();
        if (obj is null || obj.Uid() != owner.Str("uid")) return (null, 0);
        if (rt.Kind == "ReplicaSet" && obj.Items("metadata.ownerReferences").FirstOrDefault(o => o.Bool("controller") == true && o.Str("kind") == "Deployment") is { } deployment)
        {
            var (uid, replicas) = Resolve(context, ns, deployment);
            if (uid is not null) return (uid, replicas);
        }
        return (obj.Uid(), (int)(obj.Int("spec.replicas") ?? 1));
    }

    /// <summary>Keys of the budgets in a namespace (for mapping pod changes).</summary>
    public static IEnumerable<string> KeysIn(EmulatorContext context, string ns)
    {
        var pdbs = context.Type("policy", "poddisruptionbudgets");
        return context.Store.List(pdbs, ns).Items.Select(o => o.Key);
    }

    /// <summary>Budgets of the pod's namespace whose selector matches it.</summary>
    public static List<JsonObject> For(EmulatorContext context, StoredObject pod)
    {
        var pdbs = context.Type("policy", "poddisruptionbudgets");
        return context.Store.List(pdbs, pod.Namespace).Items.Select(o => o.ToJson()).Where(p => Selects(p, pod.Labels)).ToList();
    }
}
