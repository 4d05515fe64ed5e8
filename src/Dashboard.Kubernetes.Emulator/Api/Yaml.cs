using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>YAML (and therefore JSON) text to <see cref="JsonNode"/> trees, with YAML 1.2 core-schema scalars.</summary>
public static class Yaml
{
    /// <summary>Parses one document that must be a mapping.</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8)
    {
        var docs = ParseAll(Encoding.UTF8.GetString(utf8));
        return docs.Count == 1 && docs[0] is JsonObject o ? o : throw ApiException.BadRequest("the body must be a single YAML or JSON object");
    }

    /// <summary>Parses every document of a multi-document stream (empty documents skipped).</summary>
    public static List<JsonNode?> ParseAll(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        return stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).Select(d => Convert(d.RootNode)).ToList();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => ToObject(m),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode v => Scalar(v),
        _ => null,
    };

    private static JsonObject ToObject(YamlMappingNode m)
    {
        var o = new JsonObject();
        foreach (var (k, v) in m.Children)
            o[((YamlScalarNode)k).Value ?? ""] = Convert(v);
        return o;
    }

    private static JsonNode? Scalar(YamlScalarNode v)
    {
        var s = v.Value ?? "";
        if (v.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(s);
        if (!v.Tag.IsEmpty && !v.Tag.IsNonSpecific && v.Tag.Value == "tag:yaml.org,2002:str") return JsonValue.Create(s);
        switch (s)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (s.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)) return JsonValue.Create(hex);
        if ((s.Contains('.') || s.Contains('e') || s.Contains('E')) && s.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+')
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(s);
    }
}
