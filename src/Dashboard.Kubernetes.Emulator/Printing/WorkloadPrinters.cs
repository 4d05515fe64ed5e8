using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Server;
using static Dashboard.Kubernetes.Emulator.Printing.Format;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>Printers of the workload controllers: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob, ControllerRevision.</summary>
internal static class WorkloadPrinters
{
    public static KindPrinter Deployment { get; } = new(
    [
        Col.Name,
        Col.Str("Ready", "Number of the pod with ready state"),
        Col.Str("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        Col.Str("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        Col.Age,
        .. Col.ContainersImagesSelector("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
    ], (o, now) =>
    {
        var (names, images) = Containers(o["spec"]?["template"]?["spec"]?["containers"]);
        return
        [
            Name(o),
            Inv($"{L(o["status"]?["readyReplicas"]) ?? 0}/{Replicas(o)}"),
            L(o["status"]?["updatedReplicas"]) ?? 0,
            L(o["status"]?["availableReplicas"]) ?? 0,
            Age(o, now),
            names, images, Selector(o["spec"]?["selector"]),
        ];
    });

    public static KindPrinter ReplicaSet { get; } = ReplicaCounting("Selector is a label query over pods that should match the replica count.", labelSelector: true);

    public static KindPrinter ReplicationController { get; } = ReplicaCounting("Selector is a label query over pods that should match the Replicas count.", labelSelector: false);

    public static KindPrinter StatefulSet { get; } = new(
    [
        Col.Name,
        Col.Str("Ready", "Number of the pod with ready state"),
        Col.Age,
        Col.Str("Containers", "Names of each container in the template.", 1),
        Col.Str("Images", "Images referenced by each container in the template.", 1),
    ], (o, now) =>
    {
        var (names, images) = Containers(o["spec"]?["template"]?["spec"]?["containers"]);
        return [Name(o), Inv($"{L(o["status"]?["readyReplicas"]) ?? 0}/{Replicas(o)}"), Age(o, now), names, images];
    });

    public static KindPrinter DaemonSet { get; } = new(
    [
        Col.Name,
        Col.Int("Desired", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
        Col.Int("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
        Col.Int("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
        Col.Int("Up-to-date", "The total number of nodes that are running updated daemon pod"),
        Col.Int("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        Col.Str("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
        Col.Age,
        .. Col.ContainersImagesSelector("A label query over pods that are managed by the daemon set. Must match in order to be controlled."),
    ], (o, now) =>
    {
        var status = o["status"];
        var (names, images) = Containers(o["spec"]?["template"]?["spec"]?["containers"]);
        return
        [
            Name(o),
            L(status?["desiredNumberScheduled"]) ?? 0,
            L(status?["currentNumberScheduled"]) ?? 0,
            L(status?["numberReady"]) ?? 0,
            L(status?["updatedNumberScheduled"]) ?? 0,
            L(status?["numberAvailable"]) ?? 0,
            Labels(o["spec"]?["template"]?["spec"]?["nodeSelector"]),
            Age(o, now),
            names, images, LabelSelector(o["spec"]?["selector"]),
        ];
    });

    public static KindPrinter Job { get; } = new(
    [
        Col.Name,
        Col.Str("Status", "Status of the job."),
        Col.Str("Completions", "The number of pods which reached phase Succeeded."),
        Col.Str("Duration", "Time required to complete the job."),
        Col.Age,
        .. Col.ContainersImagesSelector("A label query over pods that should match the pod count."),
    ], (o, now) =>
    {
        var spec = o["spec"];
        var status = o["status"];
        var succeeded = L(status?["succeeded"]) ?? 0;
        string completions;
        if (L(spec?["completions"]) is { } c) completions = Inv($"{succeeded}/{c}");
        else
        {
            var parallelism = L(spec?["parallelism"]) ?? 0;
            completions = parallelism > 1 ? Inv($"{succeeded}/1 of {parallelism}") : Inv($"{succeeded}/1");
        }
        var start = Time(status?["startTime"]);
        var end = Time(status?["completionTime"]);
        var duration = start is null ? "" : HumanDuration((end ?? now) - start.Value);
        var (names, images) = Containers(spec?["template"]?["spec"]?["containers"]);
        return [Name(o), JobStatus(o), completions, duration, Age(o, now), names, images, LabelSelector(spec?["selector"])];
    });

    public static KindPrinter CronJob { get; } = new(
    [
        Col.Name,
        Col.Str("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        Col.Str("Timezone", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
        Col.Bool("Suspend", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
        Col.Int("Active", "A list of pointers to currently running jobs."),
        Col.Str("Last Schedule", "Information when was the last time the job was successfully scheduled."),
        Col.Age,
        .. Col.ContainersImagesSelector("A label query over pods that should match the pod count."),
    ], (o, now) =>
    {
        var spec = o["spec"];
        var jobSpec = spec?["jobTemplate"]?["spec"];
        var (names, images) = Containers(jobSpec?["template"]?["spec"]?["containers"]);
        var last = spec is null ? null : o["status"]?["lastScheduleTime"];
        return
        [
            Name(o),
            S(spec?["schedule"]) ?? "",
            S(spec?["timeZone"]) is { } tz ? tz : None,
            // The API server defaults suspend to false, so a missing value prints as False.
            Bool(B(spec?["suspend"]) ?? false),
            Count(o["status"]?["active"]),
            last is null ? None : Since(last, now),
            Age(o, now),
            names, images, LabelSelector(jobSpec?["selector"]),
        ];
    });

    public static KindPrinter ControllerRevision { get; } = new(
    [
        Col.Name,
        Col.Str("Controller", "Controller of the object"),
        Col.Str("Revision", "Revision indicates the revision of the state represented by Data."),
        Col.Age,
    ], (o, now) =>
    {
        var controller = None;
        foreach (var owner in Objects(o["metadata"]?["ownerReferences"]))
        {
            if (B(owner["controller"]) != true) continue;
            var apiVersion = S(owner["apiVersion"]) ?? "";
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash > 0 ? apiVersion[..slash] : "";
            var kind = S(owner["kind"]) ?? "";
            var groupKind = group.Length > 0 ? $"{kind}.{group}" : kind;
            controller = groupKind.Length == 0 ? S(owner["name"]) ?? "" : groupKind.ToLowerInvariant() + "/" + S(owner["name"]);
            break;
        }
        return [Name(o), controller, L(o["revision"]) ?? 0, Age(o, now)];
    });

    private static KindPrinter ReplicaCounting(string selectorDoc, bool labelSelector) => new(
    [
        Col.Name,
        Col.Int("Desired", "Replicas is the number of desired replicas."),
        Col.Int("Current", "Replicas is the most recently observed number of replicas."),
        Col.Int("Ready", "The number of ready replicas for this replica set."),
        Col.Age,
        .. Col.ContainersImagesSelector(selectorDoc),
    ], (o, now) =>
    {
        var (names, images) = Containers(o["spec"]?["template"]?["spec"]?["containers"]);
        return
        [
            Name(o),
            Replicas(o),
            L(o["status"]?["replicas"]) ?? 0,
            L(o["status"]?["readyReplicas"]) ?? 0,
            Age(o, now),
            names, images,
            labelSelector ? LabelSelector(o["spec"]?["selector"]) : Labels(o["spec"]?["selector"]),
        ];
    });

    private static string JobStatus(JsonObject job)
    {
        var conditions = job["status"]?["conditions"];
        if (JobCondition(conditions, "Complete")) return "Complete";
        if (JobCondition(conditions, "Failed")) return "Failed";
        if (job["metadata"]?["deletionTimestamp"] is not null) return "Terminating";
        if (JobCondition(conditions, "Suspended")) return "Suspended";
        if (JobCondition(conditions, "FailureTarget")) return "FailureTarget";
        return "Running";
    }

    private static bool JobCondition(JsonNode? conditions, string type)
    {
        foreach (var c in Objects(conditions))
            if (S(c["type"]) == type) return S(c["status"]) == "True";
        return false;
    }

    /// <summary>spec.replicas, which the API server defaults to 1.</summary>
    private static long Replicas(JsonObject o) => L(o["spec"]?["replicas"]) ?? 1;

    internal static string Name(JsonObject o) => S(o["metadata"]?["name"]) ?? "";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
