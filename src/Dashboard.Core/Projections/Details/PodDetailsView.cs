using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Projections.Details;

/// <summary>
/// The describe-grade sections of a pod (or of a workload's pod template, without status): QoS, containers, init
/// containers, conditions, volumes and scheduling. Pure: object, time and culture in; view out.
/// </summary>
public sealed record PodDetailsView
{
    /// <summary>The QoS class (status.qosClass, else computed).</summary>
    public QosClass Qos { get; init; }
    /// <summary>App containers.</summary>
    public required IReadOnlyList<ContainerView> Containers { get; init; }
    /// <summary>Init containers (sidecars flagged).</summary>
    public required IReadOnlyList<ContainerView> InitContainers { get; init; }
    /// <summary>Pod conditions (empty for templates).</summary>
    public required IReadOnlyList<ConditionView> Conditions { get; init; }
    /// <summary>Volumes.</summary>
    public required IReadOnlyList<VolumeView> Volumes { get; init; }
    /// <summary>Scheduling.</summary>
    public required SchedulingView Scheduling { get; init; }

    /// <summary>Every ConfigMap, Secret and claim the pod refers to through env, envFrom and volumes, once each.</summary>
    public IReadOnlyList<ObjectReference> References =>
        InitContainers.Concat(Containers).SelectMany(c => c.EnvReferences).Concat(Volumes.SelectMany(v => v.References))
            .DistinctBy(r => (r.Kind, r.Name)).ToList();

    /// <summary>The view of a pod.</summary>
    public static PodDetailsView From(KubeObject pod, DateTimeOffset now, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Json["spec"] as JsonObject;
        var status = pod.Json["status"] as JsonObject;
        return Build(spec, status, PodQos.Of(pod.Json), ConditionView.From(status.P("conditions"), now), culture);
    }

    /// <summary>The view of a pod template (spec.template of a Deployment, StatefulSet, DaemonSet, Job; a CronJob's job template's).</summary>
    public static PodDetailsView FromTemplate(JsonObject? template, CultureInfo? culture = null)
    {
        var spec = template.P("spec") as JsonObject;
        return Build(spec, null, PodQos.Compute(spec), [], culture);
    }

    /// <summary>The pod template of a workload object, wherever its kind keeps it (spec.template or spec.jobTemplate.spec.template).</summary>
    public static JsonObject? TemplateOf(KubeObject workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Json["spec"].P("template") as JsonObject ?? workload.Json["spec"].P("jobTemplate").P("spec").P("template") as JsonObject;
    }

    private static PodDetailsView Build(JsonObject? spec, JsonObject? status, QosClass qos, IReadOnlyList<ConditionView> conditions, CultureInfo? culture) => new()
    {
        Qos = qos,
        Containers = ContainerView.From(spec, status, init: false, culture),
        InitContainers = ContainerView.From(spec, status, init: true, culture),
        Conditions = conditions,
        Volumes = VolumeView.From(spec.P("volumes")),
        Scheduling = SchedulingView.From(spec, culture),
    };
}
