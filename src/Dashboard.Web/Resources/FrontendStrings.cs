namespace Dashboard.Web.Resources;

/// <summary>Marker for the strings of the editor, diff and terminal widgets and the terminal page (FrontendStrings.resx, .zh-CN.resx).</summary>
public sealed class FrontendStrings;
