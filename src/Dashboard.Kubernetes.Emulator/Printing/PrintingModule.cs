using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>
/// Registers kubectl's server-side printers by resource key. Kinds without a printer in kube-apiserver (Role,
/// ClusterRole, LimitRange, CustomResourceDefinition...) keep the default Name / Created At table, as there.
/// </summary>
internal sealed class PrintingModule : IEmulatorModule
{
    /// <summary>Printers by <see cref="Api.ResourceType.Key"/>.</summary>
    public static IReadOnlyDictionary<string, ITablePrinter> Printers { get; } = new Dictionary<string, ITablePrinter>(StringComparer.Ordinal)
    {
        ["pods"] = PodPrinter.Printer,
        ["deployments.apps"] = WorkloadPrinters.Deployment,
        ["replicasets.apps"] = WorkloadPrinters.ReplicaSet,
        ["statefulsets.apps"] = WorkloadPrinters.StatefulSet,
        ["daemonsets.apps"] = WorkloadPrinters.DaemonSet,
        ["controllerrevisions.apps"] = WorkloadPrinters.ControllerRevision,
        ["replicationcontrollers"] = WorkloadPrinters.ReplicationController,
        ["jobs.batch"] = WorkloadPrinters.Job,
        ["cronjobs.batch"] = WorkloadPrinters.CronJob,
        ["services"] = NetworkPrinters.Service,
        ["endpoints"] = NetworkPrinters.Endpoints,
        ["endpointslices.discovery.k8s.io"] = NetworkPrinters.EndpointSlice,
        ["ingresses.networking.k8s.io"] = NetworkPrinters.Ingress,
        ["ingressclasses.networking.k8s.io"] = NetworkPrinters.IngressClass,
        ["networkpolicies.networking.k8s.io"] = NetworkPrinters.NetworkPolicy,
        ["configmaps"] = ConfigPrinters.ConfigMap,
        ["secrets"] = ConfigPrinters.Secret,
        ["serviceaccounts"] = ConfigPrinters.ServiceAccount,
        ["resourcequotas"] = ConfigPrinters.ResourceQuota,
        ["priorityclasses.scheduling.k8s.io"] = ConfigPrinters.PriorityClass,
        ["leases.coordination.k8s.io"] = ConfigPrinters.Lease,
        ["rolebindings.rbac.authorization.k8s.io"] = ConfigPrinters.RoleBinding,
        ["clusterrolebindings.rbac.authorization.k8s.io"] = ConfigPrinters.ClusterRoleBinding,
        ["persistentvolumes"] = StoragePrinters.PersistentVolume,
        ["persistentvolumeclaims"] = StoragePrinters.PersistentVolumeClaim,
        ["storageclasses.storage.k8s.io"] = StoragePrinters.StorageClass,
        ["nodes"] = ClusterPrinters.Node,
        ["namespaces"] = ClusterPrinters.Namespace,
        ["events"] = ClusterPrinters.Event,
        ["events.events.k8s.io"] = ClusterPrinters.EventsV1,
        ["horizontalpodautoscalers.autoscaling"] = PolicyPrinters.HorizontalPodAutoscaler,
        ["poddisruptionbudgets.policy"] = PolicyPrinters.PodDisruptionBudget,
    };

    public void Register(EmulatorContext context)
    {
        foreach (var (key, printer) in Printers) context.TablePrinters[key] = printer;
        context.Api.AddAdmission(new KindDefaults());
    }
}
