namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>The built-in kinds the emulator serves. One row per kind; generic code reads these rows and never switches on kind strings.</summary>
public static class BuiltInResources
{
    private static readonly string[] None = [];
    private static readonly string[] All = ["all"];
    private static readonly string[] Status = ["status"];

    private static ResourceType R(string group, string version, string kind, string plural, bool namespaced,
        string[]? shortNames = null, string[]? categories = null, string[]? subresources = null) =>
        new(group, version, kind, plural, namespaced, shortNames ?? None, categories ?? None, subresources ?? None);

    /// <summary>Every built-in resource type, in discovery order.</summary>
    public static IReadOnlyList<ResourceType> Types { get; } =
    [
        R("", "v1", "Namespace", "namespaces", false, ["ns"], subresources: ["status", "finalize"]),
        R("", "v1", "Node", "nodes", false, ["no"], subresources: ["status", "proxy"]),
        R("", "v1", "Pod", "pods", true, ["po"], All, ["status", "log", "exec", "attach", "eviction", "binding", "portforward", "ephemeralcontainers"]),
        R("", "v1", "Service", "services", true, ["svc"], All, Status),
        R("", "v1", "Endpoints", "endpoints", true, ["ep"]),
        R("", "v1", "ConfigMap", "configmaps", true, ["cm"]),
        R("", "v1", "Secret", "secrets", true),
        R("", "v1", "ServiceAccount", "serviceaccounts", true, ["sa"], subresources: ["token"]),
        R("", "v1", "PersistentVolume", "persistentvolumes", false, ["pv"], subresources: Status),
        R("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], subresources: Status),
        R("", "v1", "Event", "events", true, ["ev"]),
        R("", "v1", "LimitRange", "limitranges", true, ["limits"]),
        R("", "v1", "ResourceQuota", "resourcequotas", true, ["quota"], subresources: Status),
        R("", "v1", "ReplicationController", "replicationcontrollers", true, ["rc"], All, ["status", "scale"]),
        R("apps", "v1", "Deployment", "deployments", true, ["deploy"], All, ["status", "scale"]),
        R("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], All, ["status", "scale"]),
        R("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"], All, ["status", "scale"]),
        R("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"], All, Status),
        R("apps", "v1", "ControllerRevision", "controllerrevisions", true),
        R("batch", "v1", "Job", "jobs", true, null, All, Status),
        R("batch", "v1", "CronJob", "cronjobs", true, ["cj"], All, Status),
        R("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], All, Status),
        R("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"], subresources: Status),
        R("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], subresources: Status),
        R("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false),
        R("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]),
        R("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true),
        R("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, ["sc"]),
        R("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        R("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        R("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        R("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        R("events.k8s.io", "v1", "Event", "events", true, ["ev"]),
        R("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, ["pc"]),
        R("coordination.k8s.io", "v1", "Lease", "leases", true),
        R("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"], subresources: Status),
        R("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", false) with { IsVirtual = true, Verbs = ["create"] },
        R("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", false) with { IsVirtual = true, Verbs = ["create"] },
        R("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false) with { IsVirtual = true, Verbs = ["create"] },
        R("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false) with { IsVirtual = true, Verbs = ["create"] },
        R("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false) with { IsVirtual = true, Verbs = ["create"] },
        R("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", false) with { IsVirtual = true, Verbs = ["get", "list"] },
        R("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true) with { IsVirtual = true, Verbs = ["get", "list"] },
    ];
}
