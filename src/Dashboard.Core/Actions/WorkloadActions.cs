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
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string ChangeCause = "kubernetes.io/change-cause";

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
        var spec = Template(current)?["spec"] as JsonObject;
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
        var selector = Selector(owner);
        if (target.Kind.Kind == Deployment.KindName)
        {
            var sets = await client.ListAllAsync(ReplicaSet.Resource, target.Namespace, new ListOptions { LabelSelector = selector }, ct: ct).ConfigureAwait(false);
            return sets.Items.Where(rs => rs.OwnerReferences.Any(o => o.Uid == owner.Uid))
                .Select(rs => new Revision(long.TryParse(rs.Annotations.GetValueOrDefault(RevisionAnnotation), CultureInfo.InvariantCulture, out var n) ? n : 0,
                    rs.Name, rs.CreationTimestamp, WithoutHash(Template(rs)), rs.Annotations.GetValueOrDefault(ChangeCause)))
                .Where(r => r.Number > 0).OrderByDescending(r => r.Number).ToList();
        }
        var revisions = await client.ListAllAsync(ControllerRevision.Resource, target.Namespace, new ListOptions { LabelSelector = selector }, ct: ct).ConfigureAwait(false);
        return revisions.Items.Where(cr => cr.OwnerReferences.Any(o => o.Uid == owner.Uid))
            .Select(cr => new Revision(cr.GetInt64("revision") ?? 0, cr.Name, cr.CreationTimestamp,
                (cr.Json["data"]?["spec"]?["template"] as JsonObject)?.DeepClone().AsObject() ?? [], cr.Annotations.GetValueOrDefault(ChangeCause)))
            .OrderByDescending(r => r.Number).ToList();
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

    private static JsonObject? Template(KubeObject o) => o.Json["spec"]?["template"] as JsonObject;

    private static JsonObject WithoutHash(JsonObject? template)
    {
        var copy = template?.DeepClone().AsObject() ?? [];
        (copy["metadata"]?["labels"] as JsonObject)?.Remove("pod-template-hash");
        return copy;
    }

    private static string Selector(KubeObject owner)
    {
        var match = owner.Json["spec"]?["selector"]?["matchLabels"] as JsonObject;
        return match is null ? "" : string.Join(",", match.Select(kv => $"{kv.Key}={kv.Value}"));
    }
}
