using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>A Service port resolved against one pod (named targetPorts look up the pod's container ports).</summary>
internal sealed record ResolvedPort(string Name, long Port, string Protocol)
{
    public JsonObject ToEndpointPort(bool sliceStyle = false)
    {
        var o = new JsonObject();
        if (Name.Length > 0 || sliceStyle) o["name"] = Name;
        o["port"] = Port;
        o["protocol"] = Protocol;
        return o;
    }
}

/// <summary>One selected pod as the endpoints controllers see it.</summary>
internal sealed record EndpointMember(JsonObject Pod, string Ip, bool Ready, bool Terminating, bool PublishNotReady, IReadOnlyList<ResolvedPort> Ports)
{
    public string PortsKey => string.Join(";", Ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));

    public static EndpointMember Of(JsonObject pod, IReadOnlyList<JsonObject> servicePorts, bool publishNotReady)
    {
        var ready = pod.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");
        var terminating = pod.At("metadata.deletionTimestamp") is not null;
        var ports = new List<ResolvedPort>();
        foreach (var sp in servicePorts)
        {
            var protocol = sp.Str("protocol") ?? "TCP";
            long? port = sp["targetPort"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var named) => FindNamedPort(pod, named, protocol),
                JsonValue v => v.GetValue<long>(),
                _ => sp.Int("port"),
            };
            if (port is { } p) ports.Add(new ResolvedPort(sp.Str("name") ?? "", p, protocol));
        }
        return new EndpointMember(pod, pod.Str("status.podIP") ?? "", ready && !terminating, terminating, publishNotReady, ports);
    }

    private static long? FindNamedPort(JsonObject pod, string name, string protocol)
    {
        if (long.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var numeric)) return numeric;
        foreach (var c in pod.Items("spec.containers"))
            foreach (var p in c.Items("ports"))
                if (p.Str("name") == name && (p.Str("protocol") ?? "TCP") == protocol) return p.Int("containerPort");
        return null;
    }

    private JsonObject TargetRef() => new()
    {
        ["kind"] = "Pod",
        ["namespace"] = Pod.Namespace(),
        ["name"] = Pod.Name(),
        ["uid"] = Pod.Uid(),
    };

    /// <summary>An Endpoints address.</summary>
    public JsonObject Address()
    {
        var a = new JsonObject { ["ip"] = Ip };
        if (Pod.Str("spec.nodeName") is { Length: > 0 } node) a["nodeName"] = node;
        a["targetRef"] = TargetRef();
        return a;
    }

    /// <summary>An EndpointSlice endpoint with its conditions.</summary>
    public JsonObject SliceEndpoint()
    {
        var serving = Pod.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");
        var e = new JsonObject
        {
            ["addresses"] = new JsonArray(Ip),
            ["conditions"] = new JsonObject
            {
                ["ready"] = Ready || (PublishNotReady && !Terminating),
                ["serving"] = serving,
                ["terminating"] = Terminating,
            },
        };
        if (Pod.Str("spec.nodeName") is { Length: > 0 } node) e["nodeName"] = node;
        e["targetRef"] = TargetRef();
        return e;
    }
}
