using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Actions;

/// <summary>CronJob, Node and Pod actions.</summary>
internal sealed class ClusterActions(KubeClientPool clients, TimeProvider time) : ISuspendable, ICordonable, IEvictable
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    private KubeApiClient Client(ActionContext c) => clients.Get(c.Cluster, c.Identity);

    public async Task<ActionResult> SetSuspendedAsync(ActionContext context, ObjectRef target, bool suspended, CancellationToken ct)
    {
        var obj = await Client(context).PatchAsync(target.Kind, target.Namespace, target.Name, PatchType.Merge,
            new JsonObject { ["spec"] = new JsonObject { ["suspend"] = suspended } }, ct: ct).ConfigureAwait(false);
        return new ActionResult($"{target} {(suspended ? "suspended" : "resumed")}", obj);
    }

    public async Task<ActionResult> TriggerAsync(ActionContext context, ObjectRef target, CancellationToken ct)
    {
        var client = Client(context);
        var cronJob = await client.GetAsync(target.Kind, target.Namespace, target.Name, ct).ConfigureAwait(false);
        var template = cronJob.Json["spec"]?["jobTemplate"] as JsonObject ?? throw new ActionFailedException("trigger", target, $"{target} has no jobTemplate");
        var suffix = string.Concat(Enumerable.Range(0, 5).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]));
        var name = $"{TrimName(target.Name, 52)}-manual-{suffix}";
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? [];
        metadata["name"] = name;
        var annotations = metadata["annotations"] as JsonObject ?? [];
        annotations["cronjob.kubernetes.io/instantiate"] = "manual"; // what kubectl create job --from=cronjob/x sets
        metadata["annotations"] = annotations;
        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = cronJob.ApiVersion, ["kind"] = cronJob.Kind, ["name"] = cronJob.Name, ["uid"] = cronJob.Uid, ["controller"] = true,
        });
        var job = new JsonObject { ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["metadata"] = metadata, ["spec"] = template["spec"]?.DeepClone() };
        var created = await client.CreateAsync(Job.Resource, target.Namespace, job, ct: ct).ConfigureAwait(false);
        return new ActionResult($"job {created.Name} created from {target}", created);
    }

    public async Task<ActionResult> SetCordonedAsync(ActionContext context, ObjectRef target, bool cordoned, CancellationToken ct)
    {
        var obj = await Client(context).PatchAsync(Node.Resource, null, target.Name, PatchType.StrategicMerge,
            new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = cordoned ? true : null } }, ct: ct).ConfigureAwait(false);
        return new ActionResult($"node {target.Name} {(cordoned ? "cordoned" : "uncordoned")}", obj);
    }

    public async Task<ActionResult> DrainAsync(ActionContext context, ObjectRef target, IProgress<DrainProgress>? progress, TimeSpan timeout, CancellationToken ct)
    {
        var client = Client(context);
        await SetCordonedAsync(context, target, true, ct).ConfigureAwait(false);
        var pods = (await client.ListAllAsync(Pod.Resource, null, new ListOptions { FieldSelector = $"spec.nodeName={target.Name}" }, ct: ct).ConfigureAwait(false)).Items
            .Where(p => p.Controller?.Kind != "DaemonSet" && !p.Annotations.ContainsKey("kubernetes.io/config.mirror")
                && p.GetString("status.phase") is not ("Succeeded" or "Failed"))
            .ToList();
        var deadline = time.GetUtcNow() + timeout;
        var evicted = 0;
        progress?.Report(new DrainProgress(pods.Count, 0, null));
        foreach (var pod in pods)
        {
            while (true)
            {
                try
                {
                    await client.EvictAsync(pod.Namespace!, pod.Name, ct: ct).ConfigureAwait(false);
                    break;
                }
                catch (KubeApiException e) when (e.IsNotFound)
                {
                    break;
                }
                catch (KubeApiException e) when (e.Code == 429)
                {
                    // A PodDisruptionBudget forbids it for now: wait and retry, as kubectl drain does, until the timeout.
                    if (time.GetUtcNow() > deadline)
                        throw new ActionFailedException("drain", target, $"drain of {target.Name} timed out: {pod} cannot be evicted: {e.Message}", e);
                    progress?.Report(new DrainProgress(pods.Count, evicted, $"{pod}: {e.Message}"));
                    await Task.Delay(TimeSpan.FromSeconds(1), time, ct).ConfigureAwait(false);
                }
            }
            evicted++;
            progress?.Report(new DrainProgress(pods.Count, evicted, null));
        }
        return new ActionResult($"node {target.Name} drained: {evicted} pod(s) evicted");
    }

    public async Task<ActionResult> EvictAsync(ActionContext context, ObjectRef target, CancellationToken ct)
    {
        await Client(context).EvictAsync(target.Namespace!, target.Name, ct: ct).ConfigureAwait(false);
        return new ActionResult($"{target} evicted");
    }

    private static string TrimName(string name, int max) => name.Length <= max ? name : name[..max];
}
