using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Actions;

public sealed partial class ActionService
{
    /// <summary>
    /// Replaces an object with an edited copy (PUT), as <c>kubectl edit</c> of a whole object means it: fields the user
    /// deleted are removed. The body's metadata.resourceVersion is the optimistic-concurrency precondition (409 when
    /// someone else wrote in between); without one the write is unconditional (an overwrite). Unknown fields are
    /// refused (fieldValidation=Strict). With <paramref name="dryRun"/> the server runs admission and validation and
    /// returns what it would store, storing nothing.
    /// </summary>
    public Task<ActionResult> ReplaceAsync(ActionContext c, ObjectRef t, JsonObject obj, bool dryRun, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(obj);
        var unconditional = obj["metadata"]?["resourceVersion"] is null;
        var details = string.Join(",", new[] { dryRun ? "dry-run" : "", unconditional ? "overwrite" : "" }.Where(s => s.Length > 0));
        return RunAsync(c, "edit", t, details, async k =>
        {
            var written = await Client(c).ReplaceAsync(t.Kind, new KubeObject(obj),
                new WriteOptions { FieldManager = FieldManager, DryRun = dryRun, FieldValidation = "Strict" }, ct: k).ConfigureAwait(false);
            return new ActionResult($"{t} {(dryRun ? "would be updated" : "updated")}", written);
        }, ct);
    }
}
