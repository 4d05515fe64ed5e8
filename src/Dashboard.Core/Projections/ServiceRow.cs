using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A Service as <c>kubectl get svc -o wide</c> shows it: type, cluster IP, external IP, ports, selector.</summary>
public sealed record ServiceRow : IResourceRow<ServiceRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Service.Resource;
    /// <inheritdoc />
    public required string Name { get; init; }
    /// <inheritdoc />
    public string? Namespace { get; init; }
    /// <inheritdoc />
    public required string Uid { get; init; }
    /// <inheritdoc />
    public DateTimeOffset? Created { get; init; }
    /// <inheritdoc />
    public required string Age { get; init; }
    /// <summary>spec.type (ClusterIP by default).</summary>
    public required string Type { get; init; }
    /// <summary>The first cluster IP, or &lt;none&gt;.</summary>
    public required string ClusterIP { get; init; }
    /// <summary>External IPs / load balancer addresses, &lt;pending&gt; for a load balancer without one, &lt;none&gt;.</summary>
    public required string ExternalIP { get; init; }
    /// <summary>"80/TCP,443:30443/TCP", or &lt;none&gt;.</summary>
    public required string Ports { get; init; }
    /// <summary>spec.selector as <c>k=v,...</c>, or &lt;none&gt;.</summary>
    public required string Selector { get; init; }

    /// <summary>Projects a Service.</summary>
    public static ServiceRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var type = S(spec.P("type")) ?? "ClusterIP";
        var clusterIp = Strings(spec.P("clusterIPs")).FirstOrDefault() ?? S(spec.P("clusterIP"));
        var ports = string.Join(',', Objects(spec.P("ports")).Select(p =>
        {
            var port = L(p["port"]) ?? 0;
            var protocol = S(p["protocol"]) ?? "TCP";
            return (L(p["nodePort"]) ?? 0) is var np and > 0 ? Inv($"{port}:{np}/{protocol}") : Inv($"{port}/{protocol}");
        }));
        return new ServiceRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Type = type,
            ClusterIP = string.IsNullOrEmpty(clusterIp) ? KubeFormat.None : clusterIp,
            ExternalIP = External(type, spec, obj.Json["status"].P("loadBalancer")),
            Ports = ports.Length == 0 ? KubeFormat.None : ports,
            Selector = KubeFormat.Labels(Map(spec.P("selector"))),
        };
    }

    private static string External(string type, JsonObject? spec, JsonNode? loadBalancer)
    {
        var external = Strings(spec.P("externalIPs"));
        switch (type)
        {
            case "ClusterIP" or "NodePort":
                return external.Count > 0 ? string.Join(',', external) : KubeFormat.None;
            case "LoadBalancer":
                var lb = LoadBalancerAddresses(loadBalancer);
                if (external.Count > 0) return string.Join(',', lb.Concat(external));
                return lb.Count > 0 ? string.Join(',', lb) : "<pending>";
            case "ExternalName":
                return S(spec.P("externalName")) ?? "";
            default:
                return KubeFormat.Unknown;
        }
    }

    /// <summary>Load balancer ingress IPs (or hostnames), sorted and de-duplicated as kubectl lists them.</summary>
    internal static IReadOnlyList<string> LoadBalancerAddresses(JsonNode? loadBalancer)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ing in Objects(loadBalancer.P("ingress")))
        {
            if (S(ing["ip"]) is { Length: > 0 } ip) set.Add(ip);
            else if (S(ing["hostname"]) is { Length: > 0 } host) set.Add(host);
        }
        return set.ToList();
    }
}
