namespace Dashboard.Web.Components.Controls;

/// <summary>How <see cref="DiffView"/> lays out the two texts.</summary>
public enum DiffMode
{
    /// <summary>Original on the left, proposed on the right.</summary>
    SideBySide,
    /// <summary>One column: deleted lines above the inserted ones.</summary>
    Unified,
}
