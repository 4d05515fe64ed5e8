using System.Globalization;
using System.Text.Json.Nodes;
using static Dashboard.Kubernetes.Emulator.Printing.Format;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>Printers of Node, Namespace and the two Event APIs.</summary>
internal static class ClusterPrinters
{
    public static KindPrinter Node { get; } = new(
    [
        Col.Name,
        Col.Str("Status", "The status of the node"),
        Col.Str("Roles", "The roles of the node"),
        Col.Age,
        Col.Str("Version", "Kubelet Version reported by the node."),
        Col.Str("Internal-IP", "List of addresses reachable to the node.", 1),
        Col.Str("External-IP", "List of addresses reachable to the node.", 1),
        Col.Str("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        Col.Str("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        Col.Str("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
    ], (o, now) =>
    {
        var status = o["status"];
        string? ready = null;
        foreach (var c in Objects(status?["conditions"]))
            if (S(c["type"]) == "Ready") ready = S(c["status"]) == "True" ? "Ready" : "NotReady";
        var text = ready ?? "Unknown";
        if (B(o["spec"]?["unschedulable"]) == true) text += ",SchedulingDisabled";
        var info = status?["nodeInfo"];
        return
        [
            WorkloadPrinters.Name(o),
            text,
            Roles(o["metadata"]?["labels"]),
            Age(o, now),
            S(info?["kubeletVersion"]) ?? "",
            Address(status, "InternalIP"),
            Address(status, "ExternalIP"),
            NonEmpty(S(info?["osImage"]), Unknown),
            NonEmpty(S(info?["kernelVersion"]), Unknown),
            NonEmpty(S(info?["containerRuntimeVersion"]), Unknown),
        ];
    });

    public static KindPrinter Namespace { get; } = new(
    [
        Col.Name,
        Col.Str("Status", "The status of the namespace"),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), S(o["status"]?["phase"]) ?? "", Age(o, now)]);

    private static readonly TableColumnList EventColumns =
    [
        Col.Str("Last Seen", "Time at which the most recent occurrence of this event was recorded."),
        Col.Str("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
        Col.Str("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        Col.Str("Object", "The object that this event is about."),
        Col.Str("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", 1),
        Col.Str("Source", "The component reporting this event. Should be a short machine understandable string.", 1),
        Col.Str("Message", "A human-readable description of the status of this operation."),
        Col.Str("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        Col.Str("Count", "The number of times this event has occurred.", 1),
        new("Name", "string", "name", 1, Col.NameDoc),
    ];

    /// <summary>core/v1 Event.</summary>
    public static KindPrinter Event { get; } = new(EventColumns, (o, now) => EventCells(o, now,
        involved: o["involvedObject"], first: o["firstTimestamp"], last: o["lastTimestamp"], count: o["count"],
        component: S(o["source"]?["component"]), host: S(o["source"]?["host"]), note: S(o["message"])));

    /// <summary>events.k8s.io/v1 Event: the same row, read from the newer field names.</summary>
    public static KindPrinter EventsV1 { get; } = new(EventColumns, (o, now) => EventCells(o, now,
        involved: o["regarding"], first: o["deprecatedFirstTimestamp"], last: o["deprecatedLastTimestamp"], count: o["deprecatedCount"],
        component: S(o["deprecatedSource"]?["component"]), host: S(o["deprecatedSource"]?["host"]), note: S(o["note"])));

    private static JsonNode?[] EventCells(JsonObject o, DateTimeOffset now, JsonNode? involved, JsonNode? first, JsonNode? last,
        JsonNode? count, string? component, string? host, string? note)
    {
        var firstSeen = Time(first) is not null ? Since(first, now) : Since(o["eventTime"], now);
        var lastSeen = Time(last) is not null ? Since(last, now) : firstSeen;
        var n = L(count) ?? 0;
        if (o["series"] is JsonObject series)
        {
            lastSeen = Since(series["lastObservedTime"], now);
            n = L(series["count"]) ?? 0;
        }
        else if (n == 0) n = 1;
        var kind = (S(involved?["kind"]) ?? "").ToLowerInvariant();
        var name = S(involved?["name"]);
        var target = string.IsNullOrEmpty(name) ? kind : kind + "/" + name;
        var comp = NonEmpty(component, S(o["reportingController"]) ?? "");
        var inst = NonEmpty(host, S(o["reportingInstance"]) ?? "");
        var source = inst.Length == 0 ? comp : comp + ", " + inst;
        return
        [
            lastSeen,
            S(o["type"]) ?? "",
            S(o["reason"]) ?? "",
            target,
            S(involved?["fieldPath"]) ?? "",
            source,
            (note ?? "").Trim(),
            firstSeen,
            n,
            WorkloadPrinters.Name(o),
        ];
    }

    private static string Roles(JsonNode? labels)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (labels is JsonObject l)
        {
            foreach (var (k, v) in l)
            {
                if (k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length) roles.Add(k[prefix.Length..]);
                else if (k == "kubernetes.io/role" && S(v) is { Length: > 0 } role) roles.Add(role);
            }
        }
        return roles.Count == 0 ? None : string.Join(',', roles);
    }

    private static string Address(JsonNode? status, string type)
    {
        foreach (var a in Objects(status?["addresses"]))
            if (S(a["type"]) == type) return S(a["address"]) ?? "";
        return None;
    }

    internal static string NonEmpty(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    internal static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A list of column definitions (an alias that keeps field declarations short).</summary>
internal sealed class TableColumnList : List<Server.TableColumn>;
