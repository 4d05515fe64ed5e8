namespace Dashboard.Web.Resources;

/// <summary>Marker for the diagnostics panel's strings, one per Finding.Code (DiagnosticsStrings.resx, .zh-CN.resx).</summary>
public sealed class DiagnosticsStrings;
