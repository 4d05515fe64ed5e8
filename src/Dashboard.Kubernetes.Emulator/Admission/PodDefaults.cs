using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The defaults k8s.io/kubernetes/pkg/apis/core/v1/defaults.go gives a PodSpec (pods and pod templates alike), plus the
/// ones that only pods get at creation (service account, service links, priority, default tolerations).
/// </summary>
internal static class PodDefaults
{
    /// <summary>Defaults shared by pods and pod templates.</summary>
    public static void ApplySpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["securityContext"] ??= new JsonObject();
        foreach (var list in new[] { "initContainers", "containers" })
            foreach (var c in spec.Items(list)) ApplyContainer(c);
        foreach (var v in spec.Items("volumes")) ApplyVolume(v);
    }

    /// <summary>What a pod (not a template) additionally gets when it is created.</summary>
    public static void ApplyPodOnly(JsonObject spec)
    {
        // serviceAccount is the deprecated twin the server still fills in.
        var sa = spec.Str("serviceAccountName") ?? spec.Str("serviceAccount") ?? "default";
        spec["serviceAccountName"] = sa;
        spec["serviceAccount"] = sa;
        spec["enableServiceLinks"] ??= true;
        spec["priority"] ??= 0;
        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var present = tolerations.OfType<JsonObject>().Any(t =>
                t.Str("key") == key && (t.Str("effect") ?? "") is "" or "NoExecute");
            if (!present)
                tolerations.Add(new JsonObject
                {
                    ["key"] = key,
                    ["operator"] = "Exists",
                    ["effect"] = "NoExecute",
                    ["tolerationSeconds"] = 300,
                });
        }
        spec["tolerations"] = tolerations;
    }

    private static void ApplyContainer(JsonObject c)
    {
        c["imagePullPolicy"] ??= PullPolicyFor(c.Str("image") ?? "");
        c["terminationMessagePath"] ??= "/dev/termination-log";
        c["terminationMessagePolicy"] ??= "File";
        var resources = c["resources"] as JsonObject ?? new JsonObject();
        c["resources"] = resources;
        // A limit without a request means the request equals the limit.
        if (resources["limits"] is JsonObject limits)
        {
            var requests = resources["requests"] as JsonObject ?? new JsonObject();
            foreach (var (k, v) in limits)
                if (!requests.ContainsKey(k) && v is not null) requests[k] = v.DeepClone();
            if (requests.Count > 0) resources["requests"] = requests;
        }
        foreach (var p in c.Items("ports")) p["protocol"] ??= "TCP";
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            if (c[probe] is JsonObject pr) ApplyProbe(pr);
        foreach (var e in c.Items("env"))
            if (e.At("valueFrom.fieldRef") is JsonObject fr) fr["apiVersion"] ??= "v1";
    }

    private static void ApplyProbe(JsonObject probe)
    {
        probe["timeoutSeconds"] ??= 1;
        probe["periodSeconds"] ??= 10;
        probe["successThreshold"] ??= 1;
        probe["failureThreshold"] ??= 3;
        if (probe["httpGet"] is JsonObject http) http["scheme"] ??= "HTTP";
    }

    private static void ApplyVolume(JsonObject v)
    {
        foreach (var source in new[] { "configMap", "secret", "downwardAPI", "projected" })
            if (v[source] is JsonObject s) s["defaultMode"] ??= 420;
        if (v["hostPath"] is JsonObject hp) hp["type"] ??= "";
    }

    /// <summary>Always for <c>:latest</c> or untagged images, IfNotPresent otherwise (digests count as tags).</summary>
    public static string PullPolicyFor(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal)) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0) return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>The QoS class the API server stores in <c>status.qosClass</c> at creation.</summary>
    public static string QosClass(JsonObject spec)
    {
        var containers = spec.Items("containers").Concat(spec.Items("initContainers")).ToList();
        var any = false;
        var guaranteed = true;
        foreach (var c in containers)
        {
            var requests = Json.StringMap(c.At("resources.requests"));
            var limits = Json.StringMap(c.At("resources.limits"));
            if (requests.Keys.Concat(limits.Keys).Any(k => k is "cpu" or "memory")) any = true;
            foreach (var r in new[] { "cpu", "memory" })
            {
                if (!limits.TryGetValue(r, out var l)) { guaranteed = false; continue; }
                var req = requests.TryGetValue(r, out var q) ? q : l;
                if (ExactQuantity.Parse(req).CompareTo(ExactQuantity.Parse(l)) != 0) guaranteed = false;
            }
        }
        if (!any) return "BestEffort";
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
