namespace Dashboard.Web.Resources;

/// <summary>Marker for the logs viewer's strings (LogStrings.resx, LogStrings.zh-CN.resx).</summary>
public sealed class LogStrings;
