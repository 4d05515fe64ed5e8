using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>An Ingress as <c>kubectl get ing</c> shows it: class, hosts, address, ports.</summary>
public sealed record IngressRow : IResourceRow<IngressRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Ingress.Resource;
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
    /// <summary>spec.ingressClassName, or &lt;none&gt;.</summary>
    public required string Class { get; init; }
    /// <summary>Up to three hosts ("a,b,c + 2 more..."), "*" when none.</summary>
    public required string Hosts { get; init; }
    /// <summary>Load balancer addresses, comma-joined.</summary>
    public required string Address { get; init; }
    /// <summary>"80" or "80, 443" (with TLS).</summary>
    public required string Ports { get; init; }

    /// <summary>Projects an Ingress.</summary>
    public static IngressRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        return new IngressRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Class = S(spec.P("ingressClassName")) ?? KubeFormat.None,
            Hosts = HostList(spec.P("rules")),
            Address = string.Join(',', ServiceRow.LoadBalancerAddresses(obj.Json["status"].P("loadBalancer"))),
            Ports = Count(spec.P("tls")) > 0 ? "80, 443" : "80",
        };
    }

    private static string HostList(JsonNode? rules)
    {
        const int max = 3;
        var list = new List<string>();
        var more = false;
        var count = 0;
        foreach (var rule in Objects(rules))
        {
            count++;
            if (list.Count == max) more = true;
            if (!more && S(rule["host"]) is { Length: > 0 } host) list.Add(host);
        }
        if (list.Count == 0) return "*";
        var text = string.Join(',', list);
        return more ? Inv($"{text} + {count - max} more...") : text;
    }
}
