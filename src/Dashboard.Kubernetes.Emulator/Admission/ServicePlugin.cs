using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>Service defaulting (type, affinity, IP families, port protocol and targetPort) and keeping allocated values on update.</summary>
internal sealed class ServiceDefaultsPlugin : IAdmissionPlugin
{
    public const string Key = "services";

    public int Order => 15;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != Key || request.Subresource is not null) return;
        var spec = request.Object.Obj("spec");
        var type = spec.Str("type") ?? "ClusterIP";
        spec["type"] = type;
        foreach (var p in spec.Items("ports"))
        {
            p["protocol"] ??= "TCP";
            if (p["targetPort"] is null && p.Int("port") is { } port) p["targetPort"] = port;
            if (type == "ClusterIP") p.Remove("nodePort");
        }
        if (type == "ExternalName") return;
        spec["sessionAffinity"] ??= "None";
        spec["internalTrafficPolicy"] ??= "Cluster";
        if (type is "NodePort" or "LoadBalancer") spec["externalTrafficPolicy"] ??= "Cluster";
        if (type == "LoadBalancer") spec["allocateLoadBalancerNodePorts"] ??= true;
        if (request.OldObject is { } old) KeepAllocated(old, spec);
        if (spec.Str("clusterIP") is { Length: > 0 } ip) spec["clusterIPs"] = new JsonArray(ip);
        else if (spec.At("clusterIPs") is JsonArray { Count: > 0 } ips && ips[0]?.GetValue<string>() is { } first) spec["clusterIP"] = first;
        var headless = spec.Str("clusterIP") == "None";
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= headless && spec["selector"] is null ? "RequireDualStack" : "SingleStack";
        request.Object["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    /// <summary>PUT and apply bodies usually omit what the server allocated: carry it over like PatchAllocatedValues.</summary>
    private static void KeepAllocated(JsonObject old, JsonObject spec)
    {
        if (string.IsNullOrEmpty(spec.Str("clusterIP")) && old.Str("spec.clusterIP") is { Length: > 0 } ip && spec.Str("type") != "ExternalName")
        {
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = old.At("spec.clusterIPs")?.DeepClone() ?? new JsonArray(ip);
        }
        if (spec.Str("type") is not ("NodePort" or "LoadBalancer")) return;
        var oldPorts = old.Items("spec.ports").ToList();
        foreach (var p in spec.Items("ports"))
        {
            if (p["nodePort"] is not null) continue;
            var match = oldPorts.FirstOrDefault(o => o.Int("port") == p.Int("port") && (o.Str("protocol") ?? "TCP") == (p.Str("protocol") ?? "TCP"));
            if (match?.Int("nodePort") is { } np) p["nodePort"] = np;
        }
    }
}

/// <summary>Allocation of cluster IPs and NodePorts, after validation, with the real conflict and range errors.</summary>
internal sealed class ServiceAllocationPlugin(ServiceAllocator allocator) : IAdmissionPlugin
{
    public int Order => 520;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != ServiceDefaultsPlugin.Key || request.Subresource is not null) return;
        var obj = request.Object;
        var spec = obj.Obj("spec");
        var type = spec.Str("type") ?? "ClusterIP";
        var ns = obj.Namespace();
        var name = obj.Name();
        var causes = new List<StatusCause>();
        if (type != "ExternalName")
        {
            var ip = spec.Str("clusterIP") ?? "";
            var oldIp = request.OldObject?.Str("spec.clusterIP") ?? "";
            if (ip.Length == 0)
            {
                ip = allocator.AllocateIp(ns, name);
                spec["clusterIP"] = ip;
                spec["clusterIPs"] = new JsonArray(ip);
            }
            else if (ip != "None" && ip != oldIp)
            {
                var field = "spec.clusterIPs";
                var shown = $"[]string{{\"{ip}\"}}";
                if (!ServiceAllocator.InRange(ip))
                    causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {shown}: failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. The range of valid IPs is {ServiceAllocator.ServiceCidr}", field));
                else if (!allocator.TryClaimIp(ns, name, ip))
                    causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {shown}: failed to allocate IP {ip}: provided IP is already allocated", field));
            }
        }
        if (type is "NodePort" or "LoadBalancer")
        {
            var oldPorts = request.OldObject?.Items("spec.ports").Select(p => p.Int("nodePort")).OfType<long>().ToHashSet() ?? [];
            var taken = new HashSet<int>();
            var i = 0;
            foreach (var p in spec.Items("ports"))
            {
                var field = $"spec.ports[{i++}].nodePort";
                if (p.Int("nodePort") is { } requested)
                {
                    if (oldPorts.Contains(requested)) { taken.Add((int)requested); continue; }
                    if (requested is < ServiceAllocator.NodePortMin or > ServiceAllocator.NodePortMax)
                        causes.Add(FieldErrors.InvalidNumber(field, requested, $"provided port is not in the valid range. The range of valid ports is {ServiceAllocator.NodePortMin}-{ServiceAllocator.NodePortMax}"));
                    else if (!taken.Add((int)requested) || !allocator.TryClaimPort(ns, name, (int)requested))
                        causes.Add(FieldErrors.InvalidNumber(field, requested, "provided port is already allocated"));
                }
                else
                {
                    var port = allocator.AllocatePort(ns, name, taken);
                    taken.Add(port);
                    p["nodePort"] = port;
                }
            }
        }
        if (causes.Count > 0) throw ApiException.Invalid(request.Type, name, causes);
    }
}
