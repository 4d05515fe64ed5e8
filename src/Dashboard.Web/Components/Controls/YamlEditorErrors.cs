using Dashboard.Core.Editing;

namespace Dashboard.Web.Components.Controls;

/// <summary>Problems placed in a YAML text, as the editor's underlines (those without a position are listed only).</summary>
internal static class YamlEditorErrors
{
    public static IReadOnlyList<CodeEditorError> Of(IEnumerable<EditProblem>? problems) =>
        problems is null ? [] : problems.Where(p => p.Line is not null)
            .Select(p => new CodeEditorError(p.Line!.Value, p.Exact ? p.Column : null, p.Field is null ? p.Message : $"{p.Field}: {p.Message}"))
            .ToList();
}
