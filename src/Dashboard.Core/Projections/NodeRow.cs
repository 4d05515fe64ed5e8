using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A Node as <c>kubectl get nodes -o wide</c> shows it: status, roles, version, addresses, OS, kernel, runtime.</summary>
public sealed record NodeRow : IResourceRow<NodeRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Node.Resource;
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
    /// <summary>Ready / NotReady / Unknown, with ",SchedulingDisabled" when cordoned.</summary>
    public required string Status { get; init; }
    /// <summary>True when the Ready condition is True.</summary>
    public bool IsReady { get; init; }
    /// <summary>spec.unschedulable (cordoned).</summary>
    public bool Unschedulable { get; init; }
    /// <summary>Roles from node-role.kubernetes.io/* labels, or &lt;none&gt;.</summary>
    public required string Roles { get; init; }
    /// <summary>The kubelet version.</summary>
    public required string Version { get; init; }
    /// <summary>The InternalIP address, or &lt;none&gt;.</summary>
    public required string InternalIP { get; init; }
    /// <summary>The ExternalIP address, or &lt;none&gt;.</summary>
    public required string ExternalIP { get; init; }
    /// <summary>OS image, or &lt;unknown&gt;.</summary>
    public required string OsImage { get; init; }
    /// <summary>Kernel version, or &lt;unknown&gt;.</summary>
    public required string KernelVersion { get; init; }
    /// <summary>Container runtime version, or &lt;unknown&gt;.</summary>
    public required string ContainerRuntime { get; init; }
    /// <summary>Pressure conditions that are True (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable).</summary>
    public required IReadOnlyList<string> Pressures { get; init; }
    /// <summary>Ok when ready without pressure, Warning with pressure or cordoned, Failed when not ready.</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a Node.</summary>
    public static NodeRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var status = obj.Json["status"] as JsonObject;
        var conditions = status.P("conditions");
        string? ready = null;
        foreach (var c in Objects(conditions))
            if (S(c["type"]) == "Ready") ready = S(c["status"]) == "True" ? "Ready" : "NotReady";
        var unschedulable = B(obj.Json["spec"].P("unschedulable")) == true;
        var text = (ready ?? "Unknown") + (unschedulable ? ",SchedulingDisabled" : "");
        var info = status.P("nodeInfo");
        var pressures = Objects(conditions)
            .Where(c => S(c["type"]) is "MemoryPressure" or "DiskPressure" or "PIDPressure" or "NetworkUnavailable" && S(c["status"]) == "True")
            .Select(c => S(c["type"])!).ToList();
        return new NodeRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Status = text,
            IsReady = ready == "Ready",
            Unschedulable = unschedulable,
            Roles = RoleList(obj.Json["metadata"].P("labels")),
            Version = S(info.P("kubeletVersion")) ?? "",
            InternalIP = Address(status, "InternalIP"),
            ExternalIP = Address(status, "ExternalIP"),
            OsImage = Or(S(info.P("osImage")), KubeFormat.Unknown),
            KernelVersion = Or(S(info.P("kernelVersion")), KubeFormat.Unknown),
            ContainerRuntime = Or(S(info.P("containerRuntimeVersion")), KubeFormat.Unknown),
            Pressures = pressures,
            Health = ready != "Ready" ? RowHealth.Failed : pressures.Count > 0 || unschedulable ? RowHealth.Warning : RowHealth.Ok,
        };
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private static string RoleList(JsonNode? labels)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (labels is JsonObject l)
            foreach (var (k, v) in l)
            {
                if (k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length) roles.Add(k[prefix.Length..]);
                else if (k == "kubernetes.io/role" && S(v) is { Length: > 0 } role) roles.Add(role);
            }
        return roles.Count == 0 ? KubeFormat.None : string.Join(',', roles);
    }

    private static string Address(JsonObject? status, string type)
    {
        foreach (var a in Objects(status.P("addresses")))
            if (S(a["type"]) == type) return S(a["address"]) ?? "";
        return KubeFormat.None;
    }
}
