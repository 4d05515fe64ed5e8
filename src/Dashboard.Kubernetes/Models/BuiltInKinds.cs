namespace Dashboard.Kubernetes.Models;

/// <summary>The typed models' resources: the seed of <see cref="ResourceKinds"/>.</summary>
public static class BuiltInKinds
{
    /// <summary>Every built-in resource the client has a typed model for.</summary>
    public static IReadOnlyList<ResourceKind> All { get; } =
    [
        Namespace.Resource,
        Node.Resource,
        Pod.Resource,
        Service.Resource,
        Endpoints.Resource,
        ConfigMap.Resource,
        Secret.Resource,
        ServiceAccount.Resource,
        PersistentVolume.Resource,
        PersistentVolumeClaim.Resource,
        Event.Resource,
        LimitRange.Resource,
        ResourceQuota.Resource,
        ReplicationController.Resource,
        Deployment.Resource,
        ReplicaSet.Resource,
        StatefulSet.Resource,
        DaemonSet.Resource,
        ControllerRevision.Resource,
        Job.Resource,
        CronJob.Resource,
        HorizontalPodAutoscaler.Resource,
        PodDisruptionBudget.Resource,
        Ingress.Resource,
        IngressClass.Resource,
        NetworkPolicy.Resource,
        EndpointSlice.Resource,
        StorageClass.Resource,
        Role.Resource,
        RoleBinding.Resource,
        ClusterRole.Resource,
        ClusterRoleBinding.Resource,
        PriorityClass.Resource,
        Lease.Resource,
        CustomResourceDefinition.Resource,
    ];
}
