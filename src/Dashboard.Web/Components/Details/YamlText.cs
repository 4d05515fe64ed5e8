using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using YamlDotNet.Serialization;

namespace Dashboard.Web.Components.Details;

/// <summary>An object as YAML for reading, managedFields left out (they are noise for people).</summary>
public static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>The object's YAML.</summary>
    public static string Of(KubeObject obj)
    {
        var json = (JsonObject)obj.Json.DeepClone();
        (json["metadata"] as JsonObject)?.Remove("managedFields");
        return Serializer.Serialize(ToPlain(json));
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
