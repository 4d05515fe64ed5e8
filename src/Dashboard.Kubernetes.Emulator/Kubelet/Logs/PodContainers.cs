using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>A container of a pod: its spec and (when the kubelet reported it) its status.</summary>
internal sealed record PodContainer(string Name, JsonObject Spec, JsonObject? Status, bool IsInit)
{
    public string Image => Spec.Str("image") ?? "";

    public IReadOnlyList<string> Command =>
        [.. Strings(Spec["command"]), .. Strings(Spec["args"])];

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x?.ToString() ?? "") : [];
}

/// <summary>Finds the container a log or exec request addresses, with the API server's exact errors.</summary>
internal static class PodContainers
{
    public static IEnumerable<PodContainer> All(JsonObject pod)
    {
        foreach (var (specPath, statusPath, init) in new[]
                 {
                     ("spec.initContainers", "status.initContainerStatuses", true),
                     ("spec.containers", "status.containerStatuses", false),
                     ("spec.ephemeralContainers", "status.ephemeralContainerStatuses", false),
                 })
        {
            var statuses = pod.Items(statusPath).ToList();
            foreach (var c in pod.Items(specPath))
            {
                var name = c.Str("name") ?? "";
                yield return new PodContainer(name, c, statuses.FirstOrDefault(s => s.Str("name") == name), init);
            }
        }
    }

    /// <summary>
    /// The named container, or the only one when no name is given. With several containers and no name, the
    /// message lists them as the real server does (init and ephemeral containers in their own clauses).
    /// </summary>
    public static PodContainer Resolve(JsonObject pod, string? name)
    {
        var podName = pod.Name();
        if (string.IsNullOrEmpty(name))
        {
            var main = pod.Items("spec.containers").Select(c => c.Str("name") ?? "").ToList();
            if (main.Count == 1) return All(pod).First(c => c.Name == main[0] && !c.IsInit);
            var init = pod.Items("spec.initContainers").Select(c => c.Str("name") ?? "").ToList();
            var ephemeral = pod.Items("spec.ephemeralContainers").Select(c => c.Str("name") ?? "").ToList();
            var message = $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', main)}]";
            if (init.Count > 0) message += $" or one of the init containers: [{string.Join(' ', init)}]";
            if (ephemeral.Count > 0) message += $" or one of the ephemeral containers: [{string.Join(' ', ephemeral)}]";
            throw ApiException.BadRequest(message);
        }
        return All(pod).FirstOrDefault(c => c.Name == name)
            ?? throw ApiException.BadRequest($"container {name} is not valid for pod {podName}");
    }
}
