using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The pod-template-hash / controller-revision-hash: FNV-32a over the template (plus the collision count) rendered with
/// the same safe alphabet as <c>rand.SafeEncodeString</c>, so names look like <c>web-7c5ddbdf54</c>.
/// </summary>
internal static class TemplateHash
{
    private const string Alphanums = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(JsonNode? template, long? collisionCount = null)
    {
        var text = Canonical(template);
        if (collisionCount is { } c) text += c.ToString(CultureInfo.InvariantCulture);
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    public static string SafeEncode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = Alphanums[s[i] % Alphanums.Length];
        return new string(chars);
    }

    /// <summary>JSON with object keys sorted, so the hash does not depend on the order a client sent fields in.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => System.Text.Json.JsonSerializer.Serialize(kv.Key) + ":" + Canonical(kv.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(Json.Options),
    };
}
