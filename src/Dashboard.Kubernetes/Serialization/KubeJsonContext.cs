using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dashboard.Kubernetes.Serialization;

/// <summary>The terminal size message of the exec resize channel.</summary>
internal sealed record TerminalSize(int Width, int Height);

/// <summary>
/// Source-generated serialization metadata for everything the client writes, so requests are serialized without
/// reflection (trim-safe, and no warm-up cost on the first request).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(TerminalSize))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;
