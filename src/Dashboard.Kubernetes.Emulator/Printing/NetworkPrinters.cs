using System.Globalization;
using System.Text.Json.Nodes;
using static Dashboard.Kubernetes.Emulator.Printing.Format;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>Printers of Service, Endpoints, EndpointSlice, Ingress, IngressClass and NetworkPolicy.</summary>
internal static class NetworkPrinters
{
    private const int LoadBalancerWidth = 16;

    public static KindPrinter Service { get; } = new(
    [
        Col.Name,
        Col.Str("Type", "type determines how the Service is exposed. Defaults to ClusterIP."),
        Col.Str("Cluster-IP", "clusterIP is the IP address of the service and is usually assigned randomly."),
        Col.Str("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        Col.Str("Port(s)", "The list of ports that are exposed by this service."),
        Col.Age,
        Col.Str("Selector", "Route service traffic to pods with label keys and values matching this selector.", 1),
    ], (o, now) =>
    {
        var spec = o["spec"];
        var clusterIp = (spec?["clusterIPs"] as JsonArray)?.FirstOrDefault() is { } ip ? S(ip) ?? None : S(spec?["clusterIP"]) is { Length: > 0 } cip ? cip : None;
        var ports = PortString(spec?["ports"]);
        return
        [
            WorkloadPrinters.Name(o),
            S(spec?["type"]) ?? "ClusterIP",
            clusterIp,
            ExternalIp(o),
            ports.Length == 0 ? None : ports,
            Age(o, now),
            Labels(spec?["selector"]),
        ];
    });

    public static KindPrinter Endpoints { get; } = new(
    [
        Col.Name,
        Col.Str("Endpoints", "The set of all endpoints is the union of all subsets."),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), FormatEndpoints(o), Age(o, now)]);

    public static KindPrinter EndpointSlice { get; } = new(
    [
        Col.Name,
        Col.Str("AddressType", "addressType specifies the type of address carried by this EndpointSlice."),
        Col.Str("Ports", "ports specifies the list of network ports exposed by each endpoint in this slice."),
        Col.Str("Endpoints", "endpoints is a list of unique endpoints in this slice."),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), S(o["addressType"]) ?? "", SlicePorts(o["ports"]), SliceEndpoints(o["endpoints"]), Age(o, now)]);

    public static KindPrinter Ingress { get; } = new(
    [
        Col.Name,
        Col.Str("Class", "The name of the IngressClass resource that should be used for additional configuration"),
        Col.Str("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
        Col.Str("Address", "Address is a list containing ingress points for the load-balancer"),
        Col.Str("Ports", "Ports of TLS configurations that open"),
        Col.Age,
    ], (o, now) =>
    {
        var spec = o["spec"];
        return
        [
            WorkloadPrinters.Name(o),
            S(spec?["ingressClassName"]) ?? None,
            Hosts(spec?["rules"]),
            LoadBalancer(o["status"]?["loadBalancer"], wide: true),
            Count(spec?["tls"]) > 0 ? "80, 443" : "80",
            Age(o, now),
        ];
    });

    public static KindPrinter IngressClass { get; } = new(
    [
        Col.Name,
        Col.Str("Controller", "Controller that is responsible for handling this class"),
        Col.Str("Parameters", "A reference to a resource with additional parameters"),
        Col.Age,
    ], (o, now) =>
    {
        var p = o["spec"]?["parameters"] as JsonObject;
        var parameters = None;
        if (p is not null)
        {
            parameters = S(p["kind"]) ?? "";
            if (S(p["apiGroup"]) is { } g) parameters += "." + g;
            parameters += "/" + S(p["name"]);
        }
        return [WorkloadPrinters.Name(o), S(o["spec"]?["controller"]) ?? "", parameters, Age(o, now)];
    });

    public static KindPrinter NetworkPolicy { get; } = new(
    [
        Col.Name,
        Col.Str("Pod-Selector", "Selects the pods to which this NetworkPolicy object applies."),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), PodSelector(o["spec"]?["podSelector"]), Age(o, now)]);

    // An empty podSelector selects every pod; the printer then shows <none>.
    private static string PodSelector(JsonNode? selector) => selector is null ? None : LabelSelector(selector);

    private static string PortString(JsonNode? ports)
    {
        var pieces = new List<string>();
        foreach (var p in Objects(ports))
        {
            var port = L(p["port"]) ?? 0;
            var protocol = S(p["protocol"]) ?? "TCP";
            var nodePort = L(p["nodePort"]) ?? 0;
            pieces.Add(nodePort > 0 ? Inv($"{port}:{nodePort}/{protocol}") : Inv($"{port}/{protocol}"));
        }
        return string.Join(',', pieces);
    }

    private static string ExternalIp(JsonObject svc)
    {
        var spec = svc["spec"];
        var external = new List<string>();
        if (spec?["externalIPs"] is JsonArray a)
            foreach (var ip in a) external.Add(S(ip) ?? "");
        switch (S(spec?["type"]) ?? "ClusterIP")
        {
            case "ClusterIP":
            case "NodePort":
                return external.Count > 0 ? string.Join(',', external) : None;
            case "LoadBalancer":
                var lb = LoadBalancer(svc["status"]?["loadBalancer"], wide: true);
                if (external.Count > 0)
                {
                    var results = new List<string>();
                    if (lb.Length > 0) results.AddRange(lb.Split(','));
                    results.AddRange(external);
                    return string.Join(',', results);
                }
                return lb.Length > 0 ? lb : "<pending>";
            case "ExternalName":
                return S(spec?["externalName"]) ?? "";
            default:
                return Unknown;
        }
    }

    // The server prints with wide=true, so addresses are never clipped to 16 characters here.
    private static string LoadBalancer(JsonNode? status, bool wide)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ing in Objects(status?["ingress"]))
        {
            if (S(ing["ip"]) is { Length: > 0 } ip) result.Add(ip);
            else if (S(ing["hostname"]) is { Length: > 0 } host) result.Add(host);
        }
        var r = string.Join(',', result);
        if (!wide && r.Length > LoadBalancerWidth) r = r[..(LoadBalancerWidth - 3)] + "...";
        return r;
    }

    private static string Hosts(JsonNode? rules)
    {
        var list = new List<string>();
        const int max = 3;
        var more = false;
        var count = 0;
        foreach (var rule in Objects(rules))
        {
            count++;
            if (list.Count == max) more = true;
            if (!more && S(rule["host"]) is { Length: > 0 } host) list.Add(host);
        }
        if (list.Count == 0) return "*";
        var ret = string.Join(',', list);
        return more ? Inv($"{ret} + {count - max} more...") : ret;
    }

    private static string FormatEndpoints(JsonObject endpoints)
    {
        if (Count(endpoints["subsets"]) == 0) return None;
        var list = new List<string>();
        const int max = 3;
        var more = false;
        var count = 0;
        foreach (var ss in Objects(endpoints["subsets"]))
        {
            var addresses = Objects(ss["addresses"]).ToList();
            if (Count(ss["ports"]) == 0)
            {
                count += addresses.Count;
                foreach (var a in addresses)
                {
                    if (list.Count == max) { more = true; break; }
                    list.Add(S(a["ip"]) ?? "");
                }
                continue;
            }
            foreach (var port in Objects(ss["ports"]))
            {
                count += addresses.Count;
                foreach (var a in addresses)
                {
                    if (list.Count == max) { more = true; break; }
                    var ip = S(a["ip"]) ?? "";
                    var host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
                    list.Add(Inv($"{host}:{L(port["port"]) ?? 0}"));
                }
            }
        }
        var ret = string.Join(',', list);
        return more ? Inv($"{ret} + {count - max} more...") : ret;
    }

    private static string SlicePorts(JsonNode? ports)
    {
        var list = new List<string>();
        const int max = 3;
        var more = false;
        var count = 0;
        foreach (var p in Objects(ports))
        {
            if (list.Count < max) list.Add(L(p["port"]) is { } n ? n.ToString(CultureInfo.InvariantCulture) : S(p["name"]) ?? "*");
            else if (list.Count == max) more = true;
            count++;
        }
        return ListWithMore(list, more, count, max);
    }

    private static string SliceEndpoints(JsonNode? endpoints)
    {
        var list = new List<string>();
        const int max = 3;
        var more = false;
        var count = 0;
        foreach (var e in Objects(endpoints))
        {
            if (e["addresses"] is not JsonArray addresses) continue;
            foreach (var a in addresses)
            {
                if (list.Count < max) list.Add(S(a) ?? "");
                else if (list.Count == max) more = true;
                count++;
            }
        }
        return ListWithMore(list, more, count, max);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
