using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Admission;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>One resource metric of an HPA, evaluated over the target's running pods.</summary>
internal sealed record HpaMetricResult(string Resource, JsonObject Current, double Ratio, string Description);

/// <summary>
/// Resource metrics for the HPA from the pods' declared usage (<c>EMULATOR_CPU_USAGE</c> / <c>EMULATOR_MEMORY_USAGE</c>,
/// the same knobs the metrics API reports): utilization is total usage over total requests, as in the real controller.
/// Pods without a declared usage make the metric unavailable, which the HPA reports like a missing metrics server.
/// </summary>
internal static class HpaMetrics
{
    private static readonly Dictionary<string, string> UsageEnv = new(StringComparer.Ordinal)
    {
        ["cpu"] = "EMULATOR_CPU_USAGE",
        ["memory"] = "EMULATOR_MEMORY_USAGE",
    };

    /// <summary>Evaluates a <c>type: Resource</c> metric spec, or returns the error text the real HPA would give.</summary>
    public static (HpaMetricResult? Result, string? Error) Evaluate(JsonObject metric, IReadOnlyList<JsonObject> pods)
    {
        var resource = metric.Str("resource.name") ?? "";
        if (metric.Str("type") != "Resource" || !UsageEnv.TryGetValue(resource, out var env))
            return (null, $"unable to get metric {resource}: metric type {metric.Str("type")} is not supported by this emulator");
        var unavailable = $"failed to get {resource} utilization: unable to get metrics for resource {resource}: no metrics returned from resource metrics API";
        if (pods.Count == 0) return (null, unavailable);
        var usage = ExactQuantity.Zero;
        var requests = ExactQuantity.Zero;
        foreach (var pod in pods)
        {
            foreach (var c in pod.Items("spec.containers"))
            {
                var declared = c.Items("env").FirstOrDefault(e => e.Str("name") == env)?.Str("value");
                if (!ExactQuantity.TryParse(declared, out var used)) return (null, unavailable);
                usage += used;
                if (c.Str($"resources.requests.{resource}") is { } req) requests += ExactQuantity.Parse(req);
                else if (metric.Str("resource.target.type") == "Utilization")
                    return (null, $"failed to get {resource} utilization: missing request for {resource} in container {c.Str("name")} of Pod {pod.Name()}");
            }
        }
        var average = new ExactQuantity(usage.Value / pods.Count, usage.Binary);
        var current = new JsonObject();
        double ratio;
        string description;
        if (metric.Str("resource.target.type") == "Utilization")
        {
            var utilization = requests.Value == 0 ? 0 : (int)Math.Round(usage.Value * 100 / requests.Value);
            var target = metric.Int("resource.target.averageUtilization") ?? 80;
            current["averageUtilization"] = utilization;
            ratio = target == 0 ? 1 : utilization / (double)target;
            description = $"{resource} resource utilization (percentage of request)";
        }
        else
        {
            var target = ExactQuantity.Parse(metric.Str("resource.target.averageValue"));
            ratio = target.Value == 0 ? 1 : (double)(average.Value / target.Value);
            description = $"{resource} resource";
        }
        current["averageValue"] = RoundForDisplay(average, resource);
        return (new HpaMetricResult(resource, current, ratio, description), null);
    }

    private static string RoundForDisplay(ExactQuantity q, string resource) =>
        resource == "cpu"
            ? new ExactQuantity(Math.Ceiling(q.Value * 1000) / 1000, false).ToString()
            : new ExactQuantity(Math.Ceiling(q.Value), q.Binary).ToString();

    /// <summary>The replica count a ratio asks for, with the controller's 10 % tolerance.</summary>
    public static long Desired(double ratio, long current, int readyPods) =>
        Math.Abs(1 - ratio) <= 0.1 ? current : (long)Math.Ceiling(ratio * readyPods);
}
