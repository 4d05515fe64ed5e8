using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing;

/// <summary>What became of an edit step.</summary>
public enum EditStatus
{
    /// <summary>The text equals the object: nothing to send.</summary>
    Unchanged,
    /// <summary>The server's dry run accepted the text; <see cref="EditOutcome.Diff"/> shows what would change.</summary>
    Valid,
    /// <summary>The object was written.</summary>
    Applied,
    /// <summary>The text is not valid YAML, not one object, or changes the object's identity.</summary>
    Rejected,
    /// <summary>The server refused the object (422 Invalid, or unknown fields under strict validation).</summary>
    Invalid,
    /// <summary>Someone else wrote the object since it was loaded (409); see <see cref="EditOutcome.Conflict"/>.</summary>
    Conflict,
    /// <summary>Re-applying the user's changes onto the new version met fields both sides changed; see <see cref="EditOutcome.MergeConflicts"/>.</summary>
    MergeConflicts,
    /// <summary>The user may not make this change (403).</summary>
    Forbidden,
    /// <summary>Any other failure (object gone, server unreachable...); <see cref="EditOutcome.Message"/> says what.</summary>
    Failed,
    /// <summary>The user gave up after a conflict; the latest server version is loaded and their text kept.</summary>
    Cancelled,
}

/// <summary>
/// One problem with the user's text, placed where it is: <see cref="Line"/>/<see cref="Column"/> (1-based) point at
/// the field in the text the user submitted, or at its nearest ancestor when the field is absent (a required value).
/// </summary>
/// <param name="Message">What is wrong, from the server or the parser.</param>
/// <param name="Field">The field at fault (API path style), when known.</param>
/// <param name="Line">1-based line in the user's text, when it could be placed.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Exact">False when the position is that of an ancestor of <paramref name="Field"/>.</param>
public sealed record EditProblem(string Message, string? Field, int? Line, int? Column, bool Exact = true);

/// <summary>What an edit changes: the two texts for a side-by-side merge view, and the changed fields in short.</summary>
/// <param name="Before">The object as it is on the server.</param>
/// <param name="After">The object as the server would store it (the dry run's answer) or stored it.</param>
/// <param name="Changes">Changed fields, in document order.</param>
public sealed record EditDiff(string Before, string After, IReadOnlyList<FieldChange> Changes);

/// <summary>A 409: the server's newer version beside the user's untouched text.</summary>
/// <param name="Server">The object as it is now on the server.</param>
/// <param name="ServerText">The same, rendered like the editor's text.</param>
/// <param name="UserText">The user's text, exactly as submitted.</param>
public sealed record EditConflict(KubeObject Server, string ServerText, string UserText);

/// <summary>How the user resolves a 409.</summary>
public enum ConflictResolution
{
    /// <summary>Load the new version and re-apply the user's changes onto it (three-way), reporting fields changed on both sides.</summary>
    Reapply,
    /// <summary>Write the user's text without a resourceVersion precondition, replacing the other change.</summary>
    Overwrite,
    /// <summary>Load the new version and keep the user's text aside.</summary>
    Cancel,
}

/// <summary>The result of a dry run, an apply or a conflict resolution. <see cref="UserText"/> is always the user's text.</summary>
public sealed record EditOutcome(EditStatus Status, string UserText, string Message)
{
    /// <summary>Problems placed in the text (YAML errors, identity changes, server field errors).</summary>
    public IReadOnlyList<EditProblem> Problems { get; init; } = [];
    /// <summary>Before/after, for <see cref="EditStatus.Valid"/> and <see cref="EditStatus.Applied"/>.</summary>
    public EditDiff? Diff { get; init; }
    /// <summary>What the server returned (dry-run result or the stored object).</summary>
    public KubeObject? Result { get; init; }
    /// <summary>The server's version and the user's text, for <see cref="EditStatus.Conflict"/>.</summary>
    public EditConflict? Conflict { get; init; }
    /// <summary>Fields both sides changed, for <see cref="EditStatus.MergeConflicts"/>.</summary>
    public IReadOnlyList<MergeConflict> MergeConflicts { get; init; } = [];
    /// <summary>
    /// The text the editor should show next, when the session proposes one: the merged text after a re-apply, the
    /// stored object after an apply, the server's version after a cancel. Null: keep the user's text.
    /// </summary>
    public string? ProposedText { get; init; }
}
