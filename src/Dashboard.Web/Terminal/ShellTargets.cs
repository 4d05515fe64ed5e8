using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Terminal;

/// <summary>A container a shell can be opened in.</summary>
/// <param name="Name">The container's name.</param>
/// <param name="Running">Whether its status says it runs now (exec into anything else fails).</param>
/// <param name="Kind">"container", "init" (a restartable sidecar) or "ephemeral".</param>
internal sealed record ShellTarget(string Name, bool Running, string Kind);

/// <summary>Which containers of a pod a terminal can attach to, and which one kubectl would pick.</summary>
internal static class ShellTargets
{
    private const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";

    /// <summary>
    /// The pod's containers, then its restartable init containers (sidecars) and ephemeral (debug) containers: the
    /// ones that can be running. Plain init containers have finished by the time anyone wants a shell.
    /// </summary>
    public static IReadOnlyList<ShellTarget> Of(KubeObject pod)
    {
        var status = pod.Status;
        var targets = new List<ShellTarget>();
        Add(targets, pod.Spec?["containers"], status?["containerStatuses"], "container", _ => true);
        Add(targets, pod.Spec?["initContainers"], status?["initContainerStatuses"], "init", c => (string?)c["restartPolicy"] == "Always");
        Add(targets, pod.Spec?["ephemeralContainers"], status?["ephemeralContainerStatuses"], "ephemeral", _ => true);
        return targets;
    }

    /// <summary>kubectl's default: the default-container annotation when it names a container, else the first one.</summary>
    public static string? DefaultOf(KubeObject pod, IReadOnlyList<ShellTarget> targets)
    {
        if (pod.Metadata["annotations"]?[DefaultContainerAnnotation] is JsonValue value && value.ToString() is { Length: > 0 } annotated
            && targets.Any(t => t.Name == annotated))
            return annotated;
        return targets.FirstOrDefault(t => t.Kind == "container")?.Name ?? targets.FirstOrDefault()?.Name;
    }

    private static void Add(List<ShellTarget> targets, JsonNode? specs, JsonNode? statuses, string kind, Func<JsonObject, bool> include)
    {
        if (specs is not JsonArray list) return;
        var running = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in (statuses as JsonArray ?? []).OfType<JsonObject>())
            if (s["state"]?["running"] is JsonObject && (string?)s["name"] is { } n) running.Add(n);
        foreach (var c in list.OfType<JsonObject>())
        {
            if ((string?)c["name"] is not { Length: > 0 } name || !include(c)) continue;
            targets.Add(new ShellTarget(name, running.Contains(name), kind));
        }
    }
}
