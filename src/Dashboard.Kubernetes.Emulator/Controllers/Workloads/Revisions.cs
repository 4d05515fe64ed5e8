using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// ControllerRevisions of StatefulSets and DaemonSets: one per distinct pod template, named <c>&lt;owner&gt;-&lt;hash&gt;</c>,
/// numbered, holding the template as the patch <c>kubectl rollout undo</c> applies back.
/// </summary>
internal sealed class Revisions(ObjectApi api, ResourceType revisions)
{
    internal const string HashLabel = "controller.kubernetes.io/hash";

    /// <summary>The revision data of an owner's current template, as the real controllers store it.</summary>
    public static JsonObject DataOf(JsonObject owner)
    {
        var template = owner.At("spec.template") is JsonObject t ? t.Clone() : new JsonObject();
        template["$patch"] = "replace";
        return new JsonObject { ["spec"] = new JsonObject { ["template"] = template } };
    }

    public List<JsonObject> Owned(JsonObject owner) =>
        api.List(revisions, owner.Namespace(), null, o => o.Name.StartsWith(owner.Name() + "-", StringComparison.Ordinal))
            .Where(r => Owners.IsControlledBy(r, owner))
            .OrderBy(r => r.Int("revision") ?? 0).ToList();

    /// <summary>Finds or creates the revision of the owner's current template, making it the newest; returns it and all revisions.</summary>
    public (JsonObject Update, List<JsonObject> All) Sync(JsonObject owner)
    {
        var all = Owned(owner);
        var data = DataOf(owner);
        var max = all.Select(r => r.Int("revision") ?? 0).DefaultIfEmpty(0).Max();
        var equal = all.LastOrDefault(r => JsonNode.DeepEquals(r["data"], data));
        if (equal is not null)
        {
            if ((equal.Int("revision") ?? 0) < max)
            {
                equal["revision"] = max + 1;
                equal = api.Update(revisions, equal.Namespace(), equal.Name(), equal, UserInfo.System);
                all = Owned(owner);
            }
            return (equal, all);
        }
        var collision = (int)(owner.Int("status.collisionCount") ?? 0);
        for (var attempt = 0; attempt < 10; attempt++, collision++)
        {
            var hash = TemplateHash.Of(data, collision == 0 ? null : collision);
            var labels = owner.At("spec.selector.matchLabels") is JsonObject m ? m.Clone() : new JsonObject();
            labels[HashLabel] = hash;
            var cr = new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ControllerRevision",
                ["metadata"] = new JsonObject
                {
                    ["name"] = owner.Name() + "-" + hash,
                    ["namespace"] = owner.Namespace(),
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(Owners.ControllerRef(owner)),
                },
                ["data"] = data.DeepClone(),
                ["revision"] = max + 1,
            };
            try
            {
                var created = api.Create(revisions, owner.Namespace(), cr, UserInfo.System);
                all.Add(created);
                return (created, all);
            }
            catch (ApiException e) when (e.Code == 409) { }
        }
        throw ApiException.Conflict(revisions, owner.Name(), "could not find a free revision name");
    }

    /// <summary>The hash part of a revision name (what DaemonSet pods carry in controller-revision-hash).</summary>
    public static string HashOf(JsonObject revision) =>
        revision.At("metadata.labels") is JsonObject l && l[HashLabel] is JsonValue v ? v.GetValue<string>() : revision.Name();

    /// <summary>Deletes the oldest revisions beyond the history limit that no live pod or status still names.</summary>
    public void Prune(JsonObject owner, List<JsonObject> all, ISet<string> inUse)
    {
        var limit = (int)(owner.Int("spec.revisionHistoryLimit") ?? 10);
        var removable = all.Where(r => !inUse.Contains(r.Name()) && !inUse.Contains(HashOf(r))).OrderBy(r => r.Int("revision") ?? 0).ToList();
        foreach (var r in removable.Take(Math.Max(0, removable.Count - limit)))
        {
            try { api.Delete(revisions, r.Namespace(), r.Name(), UserInfo.System); }
            catch (ApiException e) when (e.Code == 404) { }
        }
    }

    public static string RevisionText(JsonObject r) => (r.Int("revision") ?? 0).ToString(CultureInfo.InvariantCulture);
}
