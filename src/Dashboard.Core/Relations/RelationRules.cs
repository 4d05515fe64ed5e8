using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

/// <summary>A reference written in an object, pointing at another by name (or by uid for owners).</summary>
internal readonly record struct Reference(ObjectRef Target, RelationType Type, Via Via);

/// <summary>How a kind selects pods.</summary>
/// <param name="Read">Reads the selector from an object.</param>
/// <param name="Controls">True for controllers, whose selected pods are normally also their dependents.</param>
internal sealed record SelectorRule(Func<KubeObject, LabelSelector> Read, bool Controls);

/// <summary>
/// The registry of what relates kinds to each other: which kinds select pods and how, where pod specs sit, and which
/// kinds write references to others by name. Adding a kind means adding a line here, never a switch elsewhere.
/// </summary>
internal static class RelationRules
{
    public static readonly KindKey PodKind = KindKey.Of(Pod.Resource);

    public static readonly IReadOnlyDictionary<KindKey, SelectorRule> Selectors = new Dictionary<KindKey, SelectorRule>
    {
        [KindKey.Of(Service.Resource)] = new(o => LabelSelector.FromMap(o.Spec?["selector"]), false),
        [KindKey.Of(ReplicationController.Resource)] = new(o => LabelSelector.FromMap(o.Spec?["selector"]), true),
        [KindKey.Of(Deployment.Resource)] = new(o => LabelSelector.FromLabelSelector(o.Spec?["selector"]), true),
        [KindKey.Of(ReplicaSet.Resource)] = new(o => LabelSelector.FromLabelSelector(o.Spec?["selector"]), true),
        [KindKey.Of(StatefulSet.Resource)] = new(o => LabelSelector.FromLabelSelector(o.Spec?["selector"]), true),
        [KindKey.Of(DaemonSet.Resource)] = new(o => LabelSelector.FromLabelSelector(o.Spec?["selector"]), true),
        [KindKey.Of(Job.Resource)] = new(o => LabelSelector.FromLabelSelector(o.Spec?["selector"]), true),
        [KindKey.Of(PodDisruptionBudget.Resource)] = new(o => LabelSelector.FromLabelSelector(o.Spec?["selector"]), false),
        [KindKey.Of(NetworkPolicy.Resource)] = new(o => LabelSelector.FromLabelSelector(o.Spec?["podSelector"]), false),
    };

    /// <summary>Where each kind keeps a pod spec (pods themselves, and the templates of workloads).</summary>
    public static readonly IReadOnlyDictionary<KindKey, string> PodSpecs = new Dictionary<KindKey, string>
    {
        [PodKind] = "spec",
        [KindKey.Of(Deployment.Resource)] = "spec.template.spec",
        [KindKey.Of(ReplicaSet.Resource)] = "spec.template.spec",
        [KindKey.Of(StatefulSet.Resource)] = "spec.template.spec",
        [KindKey.Of(DaemonSet.Resource)] = "spec.template.spec",
        [KindKey.Of(Job.Resource)] = "spec.template.spec",
        [KindKey.Of(ReplicationController.Resource)] = "spec.template.spec",
        [KindKey.Of(CronJob.Resource)] = "spec.jobTemplate.spec.template.spec",
    };

    /// <summary>References other than those of pod specs.</summary>
    public static readonly IReadOnlyDictionary<KindKey, Func<KubeObject, IEnumerable<Reference>>> References =
        new Dictionary<KindKey, Func<KubeObject, IEnumerable<Reference>>>
        {
            [KindKey.Of(Ingress.Resource)] = SpecReferences.Ingress,
            [KindKey.Of(PersistentVolumeClaim.Resource)] = SpecReferences.Claim,
            [KindKey.Of(PersistentVolume.Resource)] = SpecReferences.Volume,
            [KindKey.Of(HorizontalPodAutoscaler.Resource)] = SpecReferences.Autoscaler,
        };

    /// <summary>Everything an object refers to by name. Templates of controlled objects are skipped: their controller speaks for them.</summary>
    public static List<Reference> ReferencesOf(KubeObject obj, KindKey kind)
    {
        var refs = new List<Reference>();
        if (PodSpecs.TryGetValue(kind, out var path) && (kind == PodKind || obj.Controller is null))
            PodSpecReferences.Collect(obj, path, kind == PodKind, refs);
        if (References.TryGetValue(kind, out var extract)) refs.AddRange(extract(obj));
        return refs;
    }

    private static readonly Dictionary<KindKey, bool> Scopes =
        BuiltInKinds.All.GroupBy(KindKey.Of).ToDictionary(g => g.Key, g => g.First().Namespaced);

    /// <summary>Whether a kind is namespaced; unknown kinds (custom resources) are taken as namespaced.</summary>
    public static bool IsNamespaced(KindKey kind) => !Scopes.TryGetValue(kind, out var namespaced) || namespaced;
}
