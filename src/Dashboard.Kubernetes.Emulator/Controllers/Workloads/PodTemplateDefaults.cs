using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>The defaults the API server's decoder fills into every pod template (SetDefaults_PodSpec and friends).</summary>
internal static class PodTemplateDefaults
{
    public static void Apply(JsonObject? template)
    {
        if (template is null) return;
        // A typed ObjectMeta serializes its zero creationTimestamp as null: real templates always show it.
        var meta = template.Obj("metadata");
        if (!meta.ContainsKey("creationTimestamp")) meta["creationTimestamp"] = null;
        var spec = template.Obj("spec");
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["securityContext"] ??= new JsonObject();
        foreach (var list in new[] { "containers", "initContainers" })
            foreach (var c in spec.Items(list)) Container(c);
    }

    private static void Container(JsonObject c)
    {
        c["terminationMessagePath"] ??= "/dev/termination-log";
        c["terminationMessagePolicy"] ??= "File";
        c["resources"] ??= new JsonObject();
        if (c["imagePullPolicy"] is null)
        {
            var image = c.Str("image") ?? "";
            var lastSlash = image.LastIndexOf('/');
            var tagged = image.IndexOf(':', lastSlash + 1) >= 0 || image.Contains('@', StringComparison.Ordinal);
            c["imagePullPolicy"] = !tagged || image.EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
        }
        foreach (var p in c.Items("ports")) p["protocol"] ??= "TCP";
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (c[probe] is not JsonObject pr) continue;
            pr["timeoutSeconds"] ??= 1;
            pr["periodSeconds"] ??= 10;
            pr["successThreshold"] ??= 1;
            pr["failureThreshold"] ??= 3;
            if (pr["httpGet"] is JsonObject http) http["scheme"] ??= "HTTP";
        }
    }
}
