namespace Dashboard.Web.Resources;

/// <summary>Marker for the workload columns and detail sections' strings (ProjectionStrings.resx, .zh-CN.resx).</summary>
public sealed class ProjectionStrings;
