namespace Dashboard.Core.Relations;

/// <summary>
/// How a source object relates to a target, read from the source's side. Every type has an inverse
/// (<see cref="RelationTypes.Inverse"/>), so the same link found from either end reads naturally from both.
/// </summary>
public enum RelationType
{
    /// <summary>The target is an owner (metadata.ownerReferences).</summary>
    OwnedBy,
    /// <summary>The target is a dependent (its ownerReferences name the source's uid).</summary>
    Owns,
    /// <summary>The source's selector matches the target pod (Service, workload, PodDisruptionBudget, NetworkPolicy).</summary>
    Selects,
    /// <summary>The target's selector matches the source pod.</summary>
    SelectedBy,
    /// <summary>An Ingress sends traffic to the target Service.</summary>
    RoutesTo,
    /// <summary>The target Ingress sends traffic to the source Service.</summary>
    RoutedFrom,
    /// <summary>A pod (or a workload's pod template) mounts the target PersistentVolumeClaim.</summary>
    Mounts,
    /// <summary>The target pod or workload mounts the source PersistentVolumeClaim.</summary>
    MountedBy,
    /// <summary>A PersistentVolumeClaim and a PersistentVolume bound to each other (spec.volumeName, spec.claimRef).</summary>
    BoundTo,
    /// <summary>The source uses the target: a ConfigMap, Secret or ServiceAccount of a pod, a TLS Secret or class of an Ingress, a StorageClass.</summary>
    Uses,
    /// <summary>The target uses the source.</summary>
    UsedBy,
    /// <summary>A pod runs on the target Node.</summary>
    RunsOn,
    /// <summary>The target pod runs on the source Node.</summary>
    Hosts,
    /// <summary>A HorizontalPodAutoscaler scales the target workload.</summary>
    Scales,
    /// <summary>The target HorizontalPodAutoscaler scales the source workload.</summary>
    ScaledBy,
}

/// <summary>Whether the target of a relation exists.</summary>
public enum TargetState
{
    /// <summary>The target is among the indexed objects.</summary>
    Found,
    /// <summary>The target's kind is fully indexed for its namespace and the target is not there: a dangling reference.</summary>
    Missing,
    /// <summary>The target's kind is not indexed (not subscribed, or forbidden): existence cannot be told.</summary>
    Unknown,
}

/// <summary>Where in the source a reference is written.</summary>
public enum ReferencePath
{
    /// <summary>metadata.ownerReferences.</summary>
    OwnerReference,
    /// <summary>A selector (spec.selector, spec.podSelector).</summary>
    Selector,
    /// <summary>volumes[].configMap, volumes[].secret or volumes[].persistentVolumeClaim; the name is the volume's.</summary>
    Volume,
    /// <summary>volumes[].projected.sources[]; the name is the volume's.</summary>
    ProjectedVolume,
    /// <summary>containers[].env[].valueFrom (configMapKeyRef, secretKeyRef); the name is <c>container/VARIABLE</c>.</summary>
    EnvValueFrom,
    /// <summary>containers[].envFrom[]; the name is the container's.</summary>
    EnvFrom,
    /// <summary>spec.imagePullSecrets[].</summary>
    ImagePullSecret,
    /// <summary>spec.serviceAccountName.</summary>
    ServiceAccountName,
    /// <summary>spec.nodeName.</summary>
    NodeName,
    /// <summary>spec.rules[].http.paths[].backend.service; the name is <c>host/path</c>.</summary>
    IngressRule,
    /// <summary>spec.defaultBackend.service.</summary>
    IngressDefaultBackend,
    /// <summary>spec.tls[].secretName; the name lists the hosts.</summary>
    IngressTls,
    /// <summary>spec.ingressClassName.</summary>
    IngressClassName,
    /// <summary>spec.volumeName of a claim.</summary>
    VolumeName,
    /// <summary>spec.claimRef of a volume.</summary>
    ClaimRef,
    /// <summary>spec.storageClassName.</summary>
    StorageClassName,
    /// <summary>spec.scaleTargetRef.</summary>
    ScaleTargetRef,
}

/// <summary>One place a reference is written.</summary>
/// <param name="Path">The field.</param>
/// <param name="Name">The volume, <c>container/VARIABLE</c>, container or <c>host/path</c> it sits in, when the field has one.</param>
/// <param name="Optional">True when the reference is marked optional (a missing target does not stop the pod).</param>
public sealed record Via(ReferencePath Path, string? Name = null, bool Optional = false);

/// <summary>
/// One edge between two objects. A detail page groups relations by <see cref="Type"/> and links <see cref="Target"/>;
/// a relationship view draws <see cref="Source"/> → <see cref="Target"/> edges.
/// </summary>
/// <param name="Source">The object the relation is read from (the page's object, or an intermediate hop).</param>
/// <param name="Type">How the source relates to the target.</param>
/// <param name="Target">The related object.</param>
/// <param name="State">Whether the target exists.</param>
/// <param name="Vias">Where the reference is written (several when the same object is referenced in several places).</param>
public sealed record Relation(ObjectRef Source, RelationType Type, ObjectRef Target, TargetState State, IReadOnlyList<Via> Vias)
{
    /// <summary>True for a dangling reference: the target's kind is known in full and the target is not there.</summary>
    public bool Missing => State == TargetState.Missing;

    /// <summary>True when every reference behind the relation is optional, so a missing target is harmless.</summary>
    public bool Optional => Vias.Count > 0 && Vias.All(v => v.Optional);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Source} {Type} {Target}{(State == TargetState.Found ? "" : $" ({State})")}";
}

/// <summary>Facts about relation types.</summary>
public static class RelationTypes
{
    /// <summary>The same link read from the target's side.</summary>
    public static RelationType Inverse(this RelationType type) => type switch
    {
        RelationType.OwnedBy => RelationType.Owns,
        RelationType.Owns => RelationType.OwnedBy,
        RelationType.Selects => RelationType.SelectedBy,
        RelationType.SelectedBy => RelationType.Selects,
        RelationType.RoutesTo => RelationType.RoutedFrom,
        RelationType.RoutedFrom => RelationType.RoutesTo,
        RelationType.Mounts => RelationType.MountedBy,
        RelationType.MountedBy => RelationType.Mounts,
        RelationType.BoundTo => RelationType.BoundTo,
        RelationType.Uses => RelationType.UsedBy,
        RelationType.UsedBy => RelationType.Uses,
        RelationType.RunsOn => RelationType.Hosts,
        RelationType.Hosts => RelationType.RunsOn,
        RelationType.Scales => RelationType.ScaledBy,
        RelationType.ScaledBy => RelationType.Scales,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
