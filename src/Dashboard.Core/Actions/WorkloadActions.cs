using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Actions;

/// <summary>
/// Actions on pod-template workloads, done the way kubectl does them so that the cluster sees the same writes:
/// scale through /scale, restart by the restartedAt annotation, pause via spec.paused, set image by strategic merge,
/// roll back from ReplicaSets (Deployments) or ControllerRevisions (StatefulSets, DaemonSets).
/// </summary>
internal sealed class WorkloadActions(KubeClientPool clients, TimeProvider time) : IScalable, IRestartable, IPausable, IRollbackable, IImageSettable
{
    public const string RestartedAt = "kubectl.kubernetes.io/restartedAt";

    private KubeApiClient Client(ActionContext c) => clients.Get(c.Cluster, c.Identity);

    public async Task<ActionResult> ScaleAsync(ActionContext context, ObjectRef target, int replicas, CancellationToken ct)
    {
        if (replicas < 0) throw new ArgumentOutOfRangeException(nameof(replicas), "replicas cannot be negative");
        await Client(context).ScaleAsync(target.Kind, target.Namespace!, target.Name, replicas, ct: ct).ConfigureAwait(false);
        return new ActionResult($"{target} scaled to {replicas}");
    }

    public async Task<ActionResult> RestartAsync(ActionContext context, ObjectRef target, CancellationToken ct)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAt] = stamp } } } },
        };
        var obj = await Client(context).PatchAsync(target.Kind, target.Namespace, target.Name, PatchType.StrategicMerge, patch, ct: ct).ConfigureAwait(false);
        return new ActionResult($"{target} restarted", obj);
    }

    public async Task<ActionResult> SetPausedAsync(ActionContext context, ObjectRef target, bool paused, CancellationToken ct)
    {
        var obj = await Client(context).PatchAsync(target.Kind, target.Namespace, target.Name, PatchType.Merge,
            new JsonObject { ["spec"] = new JsonObject { ["paused"] = paused } }, ct: ct).ConfigureAwait(false);
        return new ActionResult($"{target} {(paused ? "paused" : "resumed")}", obj);
    }

    public async Task<ActionResult> SetImageAsync(ActionContext context, ObjectRef target, string container, string image, CancellationToken ct)
    {
        var client = Client(context);
        var current = await client.GetAsync(target.Kind, target.Namespace, target.Name, ct).ConfigureAwait(false);
        var spec = current.Json["spec"]?["template"]?["spec"] as JsonObject;
        var list = new[] { "containers", "initContainers" }.FirstOrDefault(l => (spec?[l] as JsonArray ?? []).Any(c => (string?)c?["name"] == container))
            ?? throw new ActionFailedException("set-image", target, $"{target} has no container named \"{container}\"");
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject { [list] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = image }) },
                },
            },
        };
        var obj = await client.PatchAsync(target.Kind, target.Namespace, target.Name, PatchType.StrategicMerge, patch, ct: ct).ConfigureAwait(false);
        return new ActionResult($"{target}: container {container} set to {image}", obj);
    }

    public async Task<IReadOnlyList<Revision>> RevisionsAsync(ActionContext context, ObjectRef target, CancellationToken ct)
    {
        var client = Client(context);
        var owner = await client.GetAsync(target.Kind, target.Namespace, target.Name, ct).ConfigureAwait(false);
        var sources = await client.ListAllAsync(RevisionHistory.SourceKind(target.Kind), target.Namespace,
            new ListOptions { LabelSelector = RevisionHistory.SourceSelector(owner) }, ct: ct).ConfigureAwait(false);
        return RevisionHistory.Of(target.Kind, owner, sources.Items);
    }

    public async Task<ActionResult> RollbackAsync(ActionContext context, ObjectRef target, long revision, CancellationToken ct)
    {
        var client = Client(context);
        var revisions = await RevisionsAsync(context, target, ct).ConfigureAwait(false);
        var wanted = revisions.FirstOrDefault(r => r.Number == revision)
            ?? throw new ActionFailedException("rollback", target, $"{target} has no revision {revision} (known: {string.Join(", ", revisions.Select(r => r.Number))})");
        KubeObject obj;
        if (target.Kind.Kind == Deployment.KindName)
        {
            // As kubectl rollout undo: replace the template with the old ReplicaSet's (minus its pod-template-hash).
            var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = wanted.Template.DeepClone() });
            obj = await client.PatchAsync(target.Kind, target.Namespace, target.Name, PatchType.Json, patch, ct: ct).ConfigureAwait(false);
        }
        else
        {
            // StatefulSets and DaemonSets store each revision as a patch of the template; applying it restores that template.
            var revisionObject = await client.GetAsync(ControllerRevision.Resource, target.Namespace, wanted.Name, ct).ConfigureAwait(false);
            var data = revisionObject.Json["data"]?.DeepClone() ?? throw new ActionFailedException("rollback", target, $"revision {revision} has no data");
            obj = await client.PatchAsync(target.Kind, target.Namespace, target.Name, PatchType.StrategicMerge, data, ct: ct).ConfigureAwait(false);
        }
        return new ActionResult($"{target} rolled back to revision {revision}", obj);
    }
}
