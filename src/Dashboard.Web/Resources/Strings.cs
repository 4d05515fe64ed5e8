namespace Dashboard.Web.Resources;

/// <summary>Marker for the shell's strings (Strings.resx, Strings.zh-CN.resx): inject <c>IStringLocalizer&lt;Strings&gt;</c>.</summary>
public sealed class Strings;
