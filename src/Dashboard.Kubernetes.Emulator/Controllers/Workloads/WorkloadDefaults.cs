using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// Defaulting for the apps and batch kinds, as the API server applies it on decode: what <c>kubectl get -o yaml</c>
/// shows right after a create, and what the controllers rely on being set.
/// </summary>
internal sealed class WorkloadDefaults : IAdmissionPlugin
{
    private readonly Dictionary<string, Action<AdmissionRequest>> _byKind = new(StringComparer.Ordinal)
    {
        ["deployments.apps"] = r => Deployment(r.Object),
        ["replicasets.apps"] = r => ReplicaSet(r.Object),
        ["replicationcontrollers"] = r => ReplicationController(r.Object),
        ["statefulsets.apps"] = r => StatefulSet(r.Object),
        ["daemonsets.apps"] = r => DaemonSet(r.Object),
        ["jobs.batch"] = Job,
        ["cronjobs.batch"] = r => CronJob(r.Object),
    };

    public int Order => 20;

    public void Admit(AdmissionRequest request)
    {
        if (request.Subresource is not null) return;
        if (_byKind.TryGetValue(request.Type.Key, out var apply)) apply(request);
    }

    private static void Deployment(JsonObject d)
    {
        var spec = d.Obj("spec");
        spec["replicas"] ??= 1;
        var strategy = spec.Obj("strategy");
        strategy["type"] ??= "RollingUpdate";
        if (strategy.Str("type") == "RollingUpdate")
        {
            var ru = strategy.Obj("rollingUpdate");
            ru["maxUnavailable"] ??= "25%";
            ru["maxSurge"] ??= "25%";
        }
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        PodTemplateDefaults.Apply(spec["template"] as JsonObject);
    }

    private static void ReplicaSet(JsonObject rs)
    {
        var spec = rs.Obj("spec");
        spec["replicas"] ??= 1;
        PodTemplateDefaults.Apply(spec["template"] as JsonObject);
    }

    private static void ReplicationController(JsonObject rc)
    {
        var spec = rc.Obj("spec");
        spec["replicas"] ??= 1;
        // An RC without a selector selects its template's labels, and takes them as its own labels too.
        if (spec.At("template.metadata.labels") is JsonObject labels)
        {
            if (spec["selector"] is not JsonObject { Count: > 0 }) spec["selector"] = labels.DeepClone();
            if (rc.At("metadata.labels") is not JsonObject { Count: > 0 }) rc.Meta()["labels"] = labels.DeepClone();
        }
        PodTemplateDefaults.Apply(spec["template"] as JsonObject);
    }

    private static void StatefulSet(JsonObject s)
    {
        var spec = s.Obj("spec");
        spec["replicas"] ??= 1;
        spec["podManagementPolicy"] ??= "OrderedReady";
        var strategy = spec.Obj("updateStrategy");
        strategy["type"] ??= "RollingUpdate";
        if (strategy.Str("type") == "RollingUpdate") strategy.Obj("rollingUpdate")["partition"] ??= 0;
        spec["revisionHistoryLimit"] ??= 10;
        var retention = spec.Obj("persistentVolumeClaimRetentionPolicy");
        retention["whenDeleted"] ??= "Retain";
        retention["whenScaled"] ??= "Retain";
        foreach (var claim in spec.Items("volumeClaimTemplates"))
        {
            claim["apiVersion"] ??= "v1";
            claim["kind"] ??= "PersistentVolumeClaim";
            claim.Obj("spec")["volumeMode"] ??= "Filesystem";
            claim.Obj("status")["phase"] ??= "Pending";
        }
        PodTemplateDefaults.Apply(spec["template"] as JsonObject);
    }

    private static void DaemonSet(JsonObject ds)
    {
        var spec = ds.Obj("spec");
        var strategy = spec.Obj("updateStrategy");
        strategy["type"] ??= "RollingUpdate";
        if (strategy.Str("type") == "RollingUpdate")
        {
            var ru = strategy.Obj("rollingUpdate");
            ru["maxUnavailable"] ??= 1;
            ru["maxSurge"] ??= 0;
        }
        spec["revisionHistoryLimit"] ??= 10;
        PodTemplateDefaults.Apply(spec["template"] as JsonObject);
    }

    private static void Job(AdmissionRequest request)
    {
        var job = request.Object;
        var spec = job.Obj("spec");
        if (spec["completions"] is null && spec["parallelism"] is null) spec["completions"] = 1;
        spec["parallelism"] ??= 1;
        spec["backoffLimit"] ??= 6;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        spec["podReplacementPolicy"] ??= "TerminatingOrFailed";
        if (request.Operation == AdmissionOperation.Create && spec.Bool("manualSelector") != true)
        {
            // The Job strategy generates a selector on the job's own uid and stamps the matching labels on the template.
            var uid = job.Uid();
            var name = job.Name();
            spec["selector"] = new JsonObject
            {
                ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid },
            };
            var labels = spec.Obj("template").Obj("metadata").Obj("labels");
            labels["batch.kubernetes.io/controller-uid"] = uid;
            labels["batch.kubernetes.io/job-name"] = name;
            labels["controller-uid"] = uid;
            labels["job-name"] = name;
        }
        PodTemplateDefaults.Apply(spec["template"] as JsonObject);
    }

    private static void CronJob(JsonObject cj)
    {
        var spec = cj.Obj("spec");
        spec["concurrencyPolicy"] ??= "Allow";
        spec["suspend"] ??= false;
        spec["successfulJobsHistoryLimit"] ??= 3;
        spec["failedJobsHistoryLimit"] ??= 1;
        PodTemplateDefaults.Apply(spec.At("jobTemplate.spec.template") as JsonObject);
    }
}
