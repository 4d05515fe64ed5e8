namespace Dashboard.Web.Resources;

/// <summary>Marker for the shell's palette, toolbar and dialog strings (ShellStrings.resx, ShellStrings.zh-CN.resx).</summary>
public sealed class ShellStrings;
