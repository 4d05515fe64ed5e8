namespace Dashboard.Web.Components.Controls;

/// <summary>How serious a problem shown in the editor is.</summary>
public enum CodeEditorSeverity
{
    /// <summary>Stops the change (invalid YAML, a 422 cause).</summary>
    Error,
    /// <summary>Worth a look.</summary>
    Warning,
    /// <summary>For information.</summary>
    Info,
}

/// <summary>A problem to underline in the YAML editor, at a 1-based line and column (no column: the whole line).</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column; null marks the line's content.</param>
/// <param name="Message">What is wrong, shown on hover and in the gutter.</param>
/// <param name="Severity">How serious.</param>
public sealed record CodeEditorError(int Line, int? Column, string Message, CodeEditorSeverity Severity = CodeEditorSeverity.Error)
{
    /// <summary>1-based end line of the marked range, when known.</summary>
    public int? EndLine { get; init; }
    /// <summary>1-based end column of the marked range, when known.</summary>
    public int? EndColumn { get; init; }

    /// <summary>The shape editor.js expects.</summary>
    internal object ToJs() => new
    {
        line = Line,
        column = Column,
        endLine = EndLine,
        endColumn = EndColumn,
        message = Message,
        severity = Severity switch
        {
            CodeEditorSeverity.Warning => "warning",
            CodeEditorSeverity.Info => "info",
            _ => "error",
        },
    };
}
