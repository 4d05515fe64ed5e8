namespace Dashboard.Web.Resources;

/// <summary>Marker for the YAML pages' strings (YamlStrings.resx, YamlStrings.zh-CN.resx).</summary>
public sealed class YamlStrings;
