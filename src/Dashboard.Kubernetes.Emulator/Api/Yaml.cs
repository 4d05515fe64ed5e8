using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Serialization;

namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>YAML request bodies, parsed by the client library's reader, with parse errors turned into 400s.</summary>
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
        try
        {
            return YamlDocuments.ParseAll(text);
        }
        catch (YamlParseException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }
}
