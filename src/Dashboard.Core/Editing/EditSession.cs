using System.Text.Json.Nodes;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;
using Dashboard.Kubernetes.Patching;
using Dashboard.Kubernetes.Serialization;

namespace Dashboard.Core.Editing;

/// <summary>
/// Editing one object as YAML, with <c>kubectl edit</c>'s semantics: the edited text replaces the object (PUT), so
/// deleting a line deletes the field, and the version the edit started from is the precondition, so a concurrent
/// change is a 409 instead of being silently overwritten. (Server-side apply would neither remove fields other
/// managers own nor notice the concurrent change, and would make the dashboard own every field.) The dry run is the
/// same PUT with dryRun=All and fieldValidation=Strict: admission, defaulting and validation run, nothing is stored.
/// Not thread-safe: one session per editor.
/// </summary>
public sealed class EditSession
{
    private readonly YamlEditor _editor;
    private readonly ActionContext _context;

    internal EditSession(YamlEditor editor, ActionContext context, ObjectRef target, KubeObject original)
    {
        _editor = editor;
        _context = context;
        Target = target;
        Original = original;
    }

    /// <summary>The object being edited.</summary>
    public ObjectRef Target { get; }

    /// <summary>The server version the edit is based on (moves on after an apply, a re-apply or a cancel).</summary>
    public KubeObject Original { get; private set; }

    /// <summary>The resourceVersion every write of this session is conditioned on.</summary>
    public string? BaseResourceVersion => Original.ResourceVersion;

    /// <summary>Whether the text shows metadata.managedFields (hidden by default).</summary>
    public bool IncludeManagedFields { get; set; }

    /// <summary>The base version as the editor's starting text.</summary>
    public string OriginalText => ObjectYaml.Render(Original.Json, IncludeManagedFields);

    /// <summary>The permission checks the UI should make before offering write mode.</summary>
    public IReadOnlyList<Access.AccessQuery> RequiredAccess => EditPermissions.ForEdit(Target);

    /// <summary>
    /// Reads the text as the object to write: one YAML mapping with the same apiVersion, kind, name and namespace,
    /// its resourceVersion set to the base version. Problems carry their line and column.
    /// </summary>
    public (JsonObject? Object, IReadOnlyList<EditProblem> Problems) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<JsonNode?> documents;
        try
        {
            documents = YamlDocuments.ParseAll(text);
        }
        catch (YamlParseException e)
        {
            return (null, [new EditProblem(e.Message, null, e.Line, e.Column)]);
        }
        if (documents.Count != 1) return (null, [new EditProblem(EditingText.Format("Editing_OneDocument", documents.Count), null, 1, 1, false)]);
        if (documents[0] is not JsonObject obj) return (null, [new EditProblem(EditingText.Get("Editing_NotAMapping"), null, 1, 1, false)]);

        var locator = YamlLocator.TryParse(text);
        var problems = new List<EditProblem>();
        void Same(string field, string? expected, bool optional = false)
        {
            var actual = KubeObjectPaths.String(obj, field);
            if (actual == expected || optional && actual is null) return;
            var at = locator?.Locate(field);
            problems.Add(new EditProblem(EditingText.Format("Editing_IdentityChanged", field, expected, actual), field, at?.Line, at?.Column, at?.Exact ?? false));
        }
        Same("apiVersion", Original.ApiVersion);
        Same("kind", Original.Kind);
        Same("metadata.name", Original.Name);
        if (Target.Kind.Namespaced) Same("metadata.namespace", Original.Namespace, optional: true);
        if (problems.Count > 0) return (null, problems);

        var meta = (JsonObject)obj["metadata"]!;
        if (Target.Kind.Namespaced) meta["namespace"] = Original.Namespace;
        meta["resourceVersion"] = BaseResourceVersion;
        return (obj, []);
    }

    /// <summary>Checks the text with the server (dry run) and returns what would change.</summary>
    public Task<EditOutcome> DryRunAsync(string text, CancellationToken ct = default) => WriteAsync(text, dryRun: true, unconditional: false, ct);

    /// <summary>Writes the text; on success the session moves on to the stored version.</summary>
    public Task<EditOutcome> ApplyAsync(string text, CancellationToken ct = default) => WriteAsync(text, dryRun: false, unconditional: false, ct);

    /// <summary>How many times a reapply merges onto the newest version when the write meets yet another 409.</summary>
    public const int ReapplyAttempts = 3;

    /// <summary>Resolves a <see cref="EditStatus.Conflict"/> outcome the way the user chose.</summary>
    public async Task<EditOutcome> ResolveAsync(EditConflict conflict, ConflictResolution resolution, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        switch (resolution)
        {
            case ConflictResolution.Overwrite:
                return await WriteAsync(conflict.UserText, dryRun: false, unconditional: true, ct).ConfigureAwait(false);
            case ConflictResolution.Cancel:
            {
                var latest = await LatestAsync(ct).ConfigureAwait(false);
                if (latest is null) return Gone(conflict.UserText);
                Original = latest;
                return new EditOutcome(EditStatus.Cancelled, conflict.UserText, EditingText.Get("Editing_Cancelled")) { ProposedText = OriginalText };
            }
            default:
            {
                var (mine, problems) = Parse(conflict.UserText);
                if (mine is null) return new EditOutcome(EditStatus.Rejected, conflict.UserText, problems[0].Message) { Problems = problems };
                // The user's changes are those against the version they edited; each attempt merges them onto the newest.
                var baseline = Shown(Original);
                for (var attempt = 1; ; attempt++)
                {
                    var latest = await LatestAsync(ct).ConfigureAwait(false);
                    if (latest is null) return Gone(conflict.UserText);
                    var merge = ThreeWayMerge.Merge(baseline, mine, Shown(latest));
                    Original = latest;
                    var merged = ObjectYaml.Render(merge.Merged, IncludeManagedFields);
                    if (merge.Conflicts.Count > 0)
                        return new EditOutcome(EditStatus.MergeConflicts, conflict.UserText, EditingText.Format("Editing_MergeConflicts", merge.Conflicts.Count))
                        {
                            MergeConflicts = merge.Conflicts,
                            ProposedText = merged,
                            Problems = LocateConflicts(merge.Conflicts, merge.Merged, merged),
                        };
                    var applied = await ApplyAsync(merged, ct).ConfigureAwait(false);
                    // A controller writing the object (its status) between the read and the write gives a 409 that the
                    // user's "reapply onto the newest" already answers: merge again, a few times, before reporting it.
                    if (applied.Status == EditStatus.Conflict && attempt < ReapplyAttempts) continue;
                    return applied.Status == EditStatus.Applied ? applied : applied with { ProposedText = applied.ProposedText ?? merged };
                }
            }
        }
    }

    private async Task<EditOutcome> WriteAsync(string text, bool dryRun, bool unconditional, CancellationToken ct)
    {
        var (obj, problems) = Parse(text);
        if (obj is null) return new EditOutcome(EditStatus.Rejected, text, problems[0].Message) { Problems = problems };
        if (!unconditional && JsonEquality.AreEqual(Strip(obj), Strip(Shown(Original))))
            return new EditOutcome(EditStatus.Unchanged, text, EditingText.Get("Editing_NoChanges"));
        if (unconditional) ((JsonObject)obj["metadata"]!).Remove("resourceVersion");
        try
        {
            var result = await _editor.Actions.ReplaceAsync(_context, Target, obj, dryRun, ct).ConfigureAwait(false);
            var written = result.Object ?? new KubeObject(obj);
            var diff = Diff(Original, written);
            if (dryRun)
                return new EditOutcome(EditStatus.Valid, text, EditingText.Format("Editing_DryRunPassed", diff.Changes.Count)) { Diff = diff, Result = written };
            Original = written;
            return new EditOutcome(EditStatus.Applied, text, EditingText.Format("Editing_Applied", Target)) { Diff = diff, Result = written, ProposedText = OriginalText };
        }
        catch (ActionFailedException e) when (e.ApiError is { } api)
        {
            if (api.IsConflict)
            {
                var latest = await LatestAsync(ct).ConfigureAwait(false);
                if (latest is null) return Gone(text);
                return new EditOutcome(EditStatus.Conflict, text, EditingText.Format("Editing_Conflict", Target))
                {
                    Conflict = new EditConflict(latest, ObjectYaml.Render(latest.Json, IncludeManagedFields), text),
                };
            }
            if (ServerProblems.IsContentError(api))
            {
                var located = ServerProblems.Locate(api, text);
                return new EditOutcome(EditStatus.Invalid, text, EditingText.Format("Editing_Invalid", located.Count)) { Problems = located };
            }
            if (api.IsForbidden) return new EditOutcome(EditStatus.Forbidden, text, EditingText.Format("Editing_Forbidden", Target, api.Message));
            return new EditOutcome(EditStatus.Failed, text, EditingText.Format("Editing_Failed", api.Message));
        }
        catch (ActionFailedException e)
        {
            return new EditOutcome(EditStatus.Failed, text, EditingText.Format("Editing_Failed", e.Message));
        }
    }

    /// <summary>The server's current version, or null when the object is gone.</summary>
    private async Task<KubeObject?> LatestAsync(CancellationToken ct)
    {
        try
        {
            return await _editor.Clients.Get(_context.Cluster, _context.Identity).GetAsync(Target.Kind, Target.Namespace, Target.Name, ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private EditOutcome Gone(string text) =>
        new(EditStatus.Failed, text, EditingText.Format("Editing_Gone", Target));

    private EditDiff Diff(KubeObject before, KubeObject after)
    {
        var ignore = IncludeManagedFields ? (Func<string, bool>)(_ => false) : p => p == "metadata.managedFields";
        return new EditDiff(ObjectYaml.Render(before.Json, IncludeManagedFields), ObjectYaml.Render(after.Json, IncludeManagedFields),
            JsonDiff.Changes(before.Json, after.Json, ignore));
    }

    // The object the way the user saw it (so that a hidden field does not count as removed).
    private JsonObject Shown(KubeObject obj) => IncludeManagedFields ? obj.Json : ObjectYaml.WithoutManagedFields(obj.Json);

    // What a user cannot change through the main resource: status and server bookkeeping.
    private static JsonObject Strip(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject meta) meta.Remove("managedFields");
        return copy;
    }

    private static IReadOnlyList<EditProblem> LocateConflicts(IReadOnlyList<MergeConflict> conflicts, JsonObject merged, string text)
    {
        var locator = YamlLocator.TryParse(text);
        return conflicts.Select(c =>
        {
            var at = locator?.Locate(IndexPath(merged, c.Path));
            return new EditProblem($"{c.Path}: {c.Theirs ?? "-"} → {c.Mine ?? "-"}", c.Path, at?.Line, at?.Column, at?.Exact ?? false);
        }).ToList();
    }

    // Merge paths name list items by name ([name=web]); the text is located by index, which the merged object knows.
    internal static string IndexPath(JsonNode root, string path)
    {
        var steps = new List<FieldStep>();
        JsonNode? node = root;
        foreach (var step in FieldPath.Parse(path))
        {
            var resolved = step;
            if (node is JsonArray a && step.Key is { } key && key.StartsWith("name=", StringComparison.Ordinal))
            {
                var index = a.Select((e, i) => (e, i)).FirstOrDefault(x => (string?)x.e?["name"] == key[5..], (null, -1)).Item2;
                if (index < 0) break;
                resolved = FieldStep.At(index);
            }
            steps.Add(resolved);
            node = resolved.IsIndex ? (node as JsonArray)?[resolved.Index] : (node as JsonObject)?[resolved.Key!];
        }
        return FieldPath.Format(steps);
    }
}

/// <summary>Dotted-path reads on raw JSON (the KubeObject helpers are for typed models).</summary>
internal static class KubeObjectPaths
{
    public static string? String(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
    }
}
