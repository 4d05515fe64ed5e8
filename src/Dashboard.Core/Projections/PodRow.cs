using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>
/// A pod as <c>kubectl get pods -o wide</c> shows it (ready x/y, the aggregate status, restarts with the time of the
/// last one, age, IP, node, nominated node, readiness gates), plus QoS, phase, controller and a health category.
/// </summary>
public sealed record PodRow : IResourceRow<PodRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Pod.Resource;
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
    /// <summary>Ready containers (restartable init containers, i.e. sidecars, included).</summary>
    public int ReadyContainers { get; init; }
    /// <summary>Containers (sidecars included).</summary>
    public int TotalContainers { get; init; }
    /// <summary>"1/2".</summary>
    public required string Ready { get; init; }
    /// <summary>The status kubectl prints: Running, CrashLoopBackOff, Init:0/2, Init:Error, Terminating, Evicted, Completed...</summary>
    public required string Status { get; init; }
    /// <summary>status.phase (Pending, Running, Succeeded, Failed, Unknown), empty when absent.</summary>
    public required string Phase { get; init; }
    /// <summary>Restarts counted as kubectl counts them.</summary>
    public int Restarts { get; init; }
    /// <summary>When the most recent counted restart happened (the previous container's finish time).</summary>
    public DateTimeOffset? LastRestart { get; init; }
    /// <summary>"5 (3m ago)" or "0".</summary>
    public required string RestartsText { get; init; }
    /// <summary>The first pod IP, or &lt;none&gt;.</summary>
    public required string IP { get; init; }
    /// <summary>spec.nodeName, or &lt;none&gt;.</summary>
    public required string Node { get; init; }
    /// <summary>status.nominatedNodeName, or &lt;none&gt;.</summary>
    public required string NominatedNode { get; init; }
    /// <summary>"1/2" true readiness gates, or &lt;none&gt;.</summary>
    public required string ReadinessGates { get; init; }
    /// <summary>The QoS class (status.qosClass or computed).</summary>
    public QosClass Qos { get; init; }
    /// <summary>The controlling owner's kind, if any.</summary>
    public string? ControllerKind { get; init; }
    /// <summary>The controlling owner's name, if any.</summary>
    public string? ControllerName { get; init; }
    /// <summary>Health category derived from the status.</summary>
    public RowHealth Health { get; init; }
    /// <summary>metadata.labels.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Projects a pod at <paramref name="now"/>.</summary>
    public static PodRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var pod = obj.Json;
        var spec = pod["spec"] as JsonObject;
        var status = pod["status"] as JsonObject;
        var s = PodStatusText.Of(pod);
        var restartsText = s.Restarts != 0 && s.LastRestart is { } lr
            ? Inv($"{s.Restarts} ({KubeFormat.HumanDuration(now - lr)} ago)")
            : KubeFormat.N(s.Restarts);
        var ip = (status.P("podIPs") as JsonArray)?.FirstOrDefault() is JsonObject first ? S(first["ip"]) : null;
        var controller = Objects(pod["metadata"].P("ownerReferences")).FirstOrDefault(o => B(o["controller"]) == true);
        return new PodRow
        {
            Name = m.Name,
            Namespace = m.Namespace,
            Uid = m.Uid,
            Created = m.Created,
            Age = m.Age,
            ReadyContainers = s.ReadyContainers,
            TotalContainers = s.TotalContainers,
            Ready = Inv($"{s.ReadyContainers}/{s.TotalContainers}"),
            Status = s.Reason,
            Phase = S(status.P("phase")) ?? "",
            Restarts = s.Restarts,
            LastRestart = s.Restarts != 0 ? s.LastRestart : null,
            RestartsText = restartsText,
            IP = NoneIfEmpty(ip),
            Node = NoneIfEmpty(S(spec.P("nodeName"))),
            NominatedNode = NoneIfEmpty(S(status.P("nominatedNodeName"))),
            ReadinessGates = Gates(spec, status),
            Qos = PodQos.Of(pod),
            ControllerKind = S(controller.P("kind")),
            ControllerName = S(controller.P("name")),
            Health = HealthOf(s.Reason, s.ReadyContainers, s.TotalContainers),
            Labels = Map(pod["metadata"].P("labels")),
        };
    }

    private static string NoneIfEmpty(string? s) => string.IsNullOrEmpty(s) ? KubeFormat.None : s;

    private static string Gates(JsonObject? spec, JsonObject? status)
    {
        if (spec.P("readinessGates") is not JsonArray gates || gates.Count == 0) return KubeFormat.None;
        var met = 0;
        foreach (var gate in Objects(gates))
            if (Condition(status.P("conditions"), S(gate["conditionType"]) ?? "") is { } c && S(c["status"]) == "True") met++;
        return Inv($"{met}/{gates.Count}");
    }

    /// <summary>The health category of a kubectl status string.</summary>
    internal static RowHealth HealthOf(string status, int ready, int total) => status switch
    {
        "Running" => ready == total ? RowHealth.Ok : RowHealth.Warning,
        "Completed" or "Succeeded" => RowHealth.Completed,
        "Pending" or "ContainerCreating" or "PodInitializing" or "Terminating" or "SchedulingGated" => RowHealth.Progressing,
        "NotReady" => RowHealth.Warning,
        "Unknown" or "" => RowHealth.Unknown,
        _ when status.StartsWith("Init:", StringComparison.Ordinal) && char.IsAsciiDigit(status[^1]) => RowHealth.Progressing,
        "Init:PodInitializing" or "Init:ContainerCreating" => RowHealth.Progressing,
        _ => RowHealth.Failed,
    };
}
