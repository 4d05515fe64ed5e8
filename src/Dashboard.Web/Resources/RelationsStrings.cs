namespace Dashboard.Web.Resources;

/// <summary>Marker for the Related section's strings (RelationsStrings.resx, RelationsStrings.zh-CN.resx).</summary>
public sealed class RelationsStrings;
