using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Selectors;

/// <summary>
/// The fields each kind can be selected by (<c>?fieldSelector=</c>), as the real API server allows them.
/// Values are extracted once when an object is stored, so filtering never parses JSON.
/// </summary>
public static class FieldIndex
{
    private static readonly Dictionary<string, string[]> ByKind = new(StringComparer.Ordinal)
    {
        ["pods"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        ["nodes"] = ["spec.unschedulable"],
        ["events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        ["events.events.k8s.io"] = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "type", "reportingController"],
        ["namespaces"] = ["status.phase"],
        ["secrets"] = ["type"],
        ["services"] = ["spec.clusterIP", "spec.type"],
        ["replicasets.apps"] = ["status.replicas"],
        ["jobs.batch"] = ["status.successful"],
        ["certificatesigningrequests.certificates.k8s.io"] = ["spec.signerName"],
    };

    /// <summary>True when <paramref name="field"/> is selectable for the resource.</summary>
    public static bool Supports(ResourceType rt, string field) =>
        field is "metadata.name" or "metadata.namespace" || (ByKind.TryGetValue(rt.Key, out var f) && f.Contains(field));

    /// <summary>Extracts the selectable field values of an object.</summary>
    public static IReadOnlyDictionary<string, string> Extract(ResourceType rt, JsonObject obj)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = obj.Name(),
            ["metadata.namespace"] = obj.Namespace(),
        };
        if (ByKind.TryGetValue(rt.Key, out var fields))
            foreach (var f in fields)
                d[f] = Value(obj, f);
        return d;
    }

    private static string Value(JsonObject obj, string field)
    {
        if (field == "source") return obj.Str("source.component") ?? "";
        if (field == "reportingComponent") return obj.Str("reportingComponent") ?? "";
        if (field == "spec.unschedulable" || field == "spec.hostNetwork") return (obj.Bool(field) ?? false) ? "true" : "false";
        var node = obj.At(field);
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }
}
