namespace Dashboard.Web.Components.Controls;

/// <summary>A terminal's size in character cells.</summary>
/// <param name="Columns">Width in columns.</param>
/// <param name="Rows">Height in rows.</param>
public readonly record struct TerminalSize(int Columns, int Rows);
