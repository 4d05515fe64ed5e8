using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Kubernetes.Serialization;

/// <summary>Invalid YAML, with the position where the parser gave up (1-based).</summary>
public sealed class YamlParseException(string message, int line, int column, Exception? inner = null) : FormatException(message, inner)
{
    /// <summary>1-based line.</summary>
    public int Line { get; } = line;
    /// <summary>1-based column.</summary>
    public int Column { get; } = column;
}

/// <summary>
/// YAML (and therefore JSON) text to <see cref="JsonNode"/> trees with YAML 1.2 core-schema scalars, the way kubectl's
/// sigs.k8s.io/yaml reads manifests: quoted scalars stay strings, plain ones become numbers, booleans or null.
/// </summary>
public static class YamlDocuments
{
    /// <summary>Parses every document of a multi-document stream; empty documents are skipped.</summary>
    /// <exception cref="YamlParseException">The text is not valid YAML.</exception>
    public static List<JsonNode?> ParseAll(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new YamlParseException($"yaml: line {e.Start.Line}, column {e.Start.Column}: {inner}", (int)e.Start.Line, (int)e.Start.Column, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner gives up this way on some unterminated flow collections; place the error after the
            // last event it could read.
            var (line, column) = LastGoodPosition(text);
            throw new YamlParseException($"yaml: line {line}, column {column}: did not find the end of a flow collection or scalar", line, column, e);
        }
        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(d => Convert(d.RootNode))
            .ToList();
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var (line, column) = (1, 1);
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } current) (line, column) = ((int)current.End.Line, (int)current.End.Column);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
        }
        return (line, column);
    }

    /// <summary>Parses a single document that must be a mapping.</summary>
    /// <exception cref="YamlParseException">The text is not valid YAML or not exactly one mapping.</exception>
    public static JsonObject ParseObject(string text)
    {
        var docs = ParseAll(text);
        return docs.Count == 1 && docs[0] is JsonObject o
            ? o
            : throw new YamlParseException(docs.Count == 1 ? "the document is not a mapping" : $"expected one document, found {docs.Count}", 1, 1);
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
        {
            var key = k is YamlScalarNode sk ? sk.Value ?? "" : throw new YamlParseException("yaml: mapping keys must be scalars", (int)k.Start.Line, (int)k.Start.Column);
            if (o.ContainsKey(key))
                throw new YamlParseException($"yaml: line {k.Start.Line}: key \"{key}\" already set in map", (int)k.Start.Line, (int)k.Start.Column);
            o[key] = Convert(v);
        }
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
        if (s.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);
        if (LooksNumeric(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(s);
    }

    private static bool LooksNumeric(string s) =>
        s.Length > 0 && (char.IsAsciiDigit(s[0]) || s[0] is '-' or '+' or '.')
        && s.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');
}
