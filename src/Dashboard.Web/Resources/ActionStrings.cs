namespace Dashboard.Web.Resources;

/// <summary>Marker for the actions' and audit page's strings (ActionStrings.resx, ActionStrings.zh-CN.resx).</summary>
public sealed class ActionStrings;
