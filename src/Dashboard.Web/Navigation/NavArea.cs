using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Navigation;

/// <summary>A group of the left navigation; <see cref="TitleKey"/> names its resource string.</summary>
public sealed record NavArea(string TitleKey, string Icon, IReadOnlyList<ResourceKind> Kinds);

/// <summary>
/// Which built-in kinds appear in which area, in order. Custom resources form their own area from discovery. Kinds
/// not listed here (ControllerRevisions, Leases) still have list and detail pages, reachable by URL and the palette.
/// </summary>
public static class NavCatalog
{
    /// <summary>The built-in areas.</summary>
    public static IReadOnlyList<NavArea> Areas { get; } =
    [
        new("Nav_Workloads", "deployed_code", [Pod.Resource, Deployment.Resource, ReplicaSet.Resource, StatefulSet.Resource, DaemonSet.Resource, Job.Resource, CronJob.Resource, HorizontalPodAutoscaler.Resource, PodDisruptionBudget.Resource, ReplicationController.Resource]),
        new("Nav_Network", "lan", [Service.Resource, Ingress.Resource, IngressClass.Resource, Endpoints.Resource, EndpointSlice.Resource, NetworkPolicy.Resource]),
        new("Nav_ConfigStorage", "folder_managed", [ConfigMap.Resource, Secret.Resource, PersistentVolumeClaim.Resource, PersistentVolume.Resource, StorageClass.Resource, ResourceQuota.Resource, LimitRange.Resource]),
        new("Nav_AccessControl", "admin_panel_settings", [ServiceAccount.Resource, Role.Resource, RoleBinding.Resource, ClusterRole.Resource, ClusterRoleBinding.Resource]),
        new("Nav_Cluster", "dns", [Node.Resource, Namespace.Resource, Event.Resource, PriorityClass.Resource, CustomResourceDefinition.Resource]),
    ];

    /// <summary>The resource key of a kind's plural title (built-ins), e.g. <c>Kind_deployments.apps</c>.</summary>
    public static string TitleKey(ResourceKind kind) => "Kind_" + kind.QualifiedName;
}
