using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;
using Dashboard.Kubernetes.Serialization;

namespace Dashboard.Core.Editing;

/// <summary>One document's result in a create.</summary>
/// <param name="Document">1-based number among the non-empty documents.</param>
/// <param name="Line">The line the document starts on, in the submitted text.</param>
/// <param name="Target">The object the document names: the link target once it is created.</param>
/// <param name="Succeeded">True when the server accepted it.</param>
/// <param name="Message">What happened.</param>
/// <param name="Problems">The server's field errors, placed in the text.</param>
/// <param name="Object">What the server returned (dry-run result or stored object).</param>
public sealed record DocumentOutcome(int Document, int Line, ObjectRef? Target, bool Succeeded, string Message, IReadOnlyList<EditProblem> Problems, KubeObject? Object);

/// <summary>The result of a create dry run or apply.</summary>
/// <param name="DryRun">True for a dry run.</param>
/// <param name="Text">The submitted text.</param>
/// <param name="Documents">One result per document (empty when the text did not parse).</param>
/// <param name="YamlError">The parse error, when the text is not valid YAML (nothing was sent).</param>
public sealed record CreateOutcome(bool DryRun, string Text, IReadOnlyList<DocumentOutcome> Documents, EditProblem? YamlError)
{
    /// <summary>True when there was something to create and every document was accepted.</summary>
    public bool AllSucceeded => YamlError is null && Documents.Count > 0 && Documents.All(d => d.Succeeded);
}

/// <summary>
/// Creating objects from pasted or uploaded YAML (any number of documents): documents without a namespace go to
/// <see cref="DefaultNamespace"/>; a dry run of the exact text comes first, each document getting its own result;
/// then the apply writes them with server-side apply under the dashboard's field manager (through
/// <see cref="ActionService.ApplyYamlAsync"/>, so every document is audited). Not thread-safe: one per page.
/// </summary>
public sealed class CreateSession
{
    private readonly YamlEditor _editor;
    private readonly ActionContext _context;
    private (string Text, string Namespace)? _checked;

    internal CreateSession(YamlEditor editor, ActionContext context, string defaultNamespace)
    {
        _editor = editor;
        _context = context;
        DefaultNamespace = defaultNamespace;
    }

    /// <summary>The namespace of documents that name none (the namespace picker's).</summary>
    public string DefaultNamespace { get; set; }

    /// <summary>The last dry run's result, if any.</summary>
    public CreateOutcome? LastDryRun { get; private set; }

    /// <summary>True when <paramref name="text"/> (with the current default namespace) has had a dry run: apply is allowed.</summary>
    public bool IsChecked(string text) => _checked == (text, DefaultNamespace);

    /// <summary>Runs the documents through the server without storing anything.</summary>
    public async Task<CreateOutcome> DryRunAsync(string text, CancellationToken ct = default)
    {
        var outcome = await RunAsync(text, dryRun: true, ct).ConfigureAwait(false);
        LastDryRun = outcome;
        _checked = outcome.YamlError is null && outcome.Documents.Count > 0 ? (text, DefaultNamespace) : null;
        return outcome;
    }

    /// <summary>Creates (or updates, being an apply) every document; needs a dry run of the same text first.</summary>
    /// <exception cref="InvalidOperationException">The text has not been dry-run.</exception>
    public Task<CreateOutcome> ApplyAsync(string text, CancellationToken ct = default) =>
        IsChecked(text) ? RunAsync(text, dryRun: false, ct) : throw new InvalidOperationException(EditingText.Get("Editing_DryRunFirst"));

    private async Task<CreateOutcome> RunAsync(string text, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            if (YamlDocuments.ParseAll(text).Count == 0)
                return new CreateOutcome(dryRun, text, [], new EditProblem(EditingText.Get("Editing_NothingToCreate"), null, 1, 1, false));
        }
        catch (YamlParseException e)
        {
            return new CreateOutcome(dryRun, text, [], new EditProblem(e.Message, null, e.Line, e.Column));
        }
        var outcomes = await _editor.Actions.ApplyYamlAsync(_context, text, DefaultNamespace, dryRun, ct).ConfigureAwait(false);
        var locator = YamlLocator.TryParse(text);
        var documents = outcomes.Select(o =>
        {
            var index = o.Document - 1;
            var problems = o.Error is { } error && ServerProblems.IsContentError(error) ? ServerProblems.Locate(error, locator, index) : [];
            return new DocumentOutcome(o.Document, locator?.DocumentLine(index) ?? 1, o.Target, o.Succeeded, o.Message, problems, o.Object);
        }).ToList();
        return new CreateOutcome(dryRun, text, documents, null);
    }
}
