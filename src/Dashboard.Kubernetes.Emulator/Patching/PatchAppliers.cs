using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Kubernetes.Emulator.Patching;

/// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
internal sealed class JsonPatchApplier : IPatchApplier
{
    public string ContentType => "application/json-patch+json";

    public JsonObject Apply(ResourceType type, JsonObject current, ReadOnlyMemory<byte> patch)
    {
        JsonArray operations;
        try
        {
            operations = JsonNode.Parse(patch.Span) as JsonArray
                ?? throw ApiException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding patch: {e.Message}");
        }
        try
        {
            return PatchResult.Normalize(JsonPatch.Apply(current, operations) as JsonObject ?? throw PatchFailed());
        }
        catch (PatchException)
        {
            // The real server wraps every apply error in a generic 422 and drops the library's text.
            throw PatchFailed();
        }
    }

    private static ApiException PatchFailed() =>
        new(422, "Invalid", "the server rejected our request due to an error in our request", new JsonObject());
}

/// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
internal sealed class MergePatchApplier : IPatchApplier
{
    public string ContentType => "application/merge-patch+json";

    public JsonObject Apply(ResourceType type, JsonObject current, ReadOnlyMemory<byte> patch)
    {
        var parsed = JsonNode.Parse(patch.Span);
        return PatchResult.Normalize(MergePatch.Apply(current, parsed) as JsonObject
            ?? throw ApiException.BadRequest("error decoding patch: the patch must be a JSON object"));
    }
}

/// <summary><c>application/strategic-merge-patch+json</c>; custom resources have no Go types and refuse it with 415.</summary>
internal sealed class StrategicMergePatchApplier : IPatchApplier
{
    public string ContentType => "application/strategic-merge-patch+json";

    public JsonObject Apply(ResourceType type, JsonObject current, ReadOnlyMemory<byte> patch)
    {
        if (type.IsCustom)
            throw new ApiException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        var parsed = JsonNode.Parse(patch.Span) as JsonObject
            ?? throw ApiException.BadRequest("error decoding patch: the patch must be a JSON object");
        return PatchResult.Normalize(new StrategicMergePatch(type).Apply(current, parsed));
    }
}

/// <summary>What a patched object looks like after the real server's decode and encode round trip.</summary>
internal static class PatchResult
{
    /// <summary>Go's <c>omitempty</c> drops labels and annotations emptied by a patch (<c>kubectl label x a-</c>).</summary>
    public static JsonObject Normalize(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
            foreach (var map in new[] { "labels", "annotations" })
                if (meta[map] is JsonObject { Count: 0 }) meta.Remove(map);
        return obj;
    }
}
