using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Patching;

/// <summary>
/// RFC 7386 JSON Merge Patch: an object describing changes, where <c>null</c> removes a member, objects merge
/// recursively and every other value (arrays included) replaces the target's.
/// </summary>
public static class MergePatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/> and returns the result.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    /// <summary>
    /// Creates the merge patch that turns <paramref name="original"/> into <paramref name="modified"/>: removed
    /// members become <c>null</c>, changed objects are diffed recursively, any other change carries the new value.
    /// Returns an empty object when the documents are equal. A <c>null</c> member of <paramref name="modified"/>
    /// cannot be expressed by a merge patch and is treated as a removal.
    /// </summary>
    public static JsonNode? Create(JsonNode? original, JsonNode? modified)
    {
        if (original is JsonObject o && modified is JsonObject m) return Diff(o, m);
        return JsonEquality.AreEqual(original, modified) ? new JsonObject() : modified?.DeepClone();
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject childPatch)
            {
                var child = target[key] as JsonObject ?? new JsonObject();
                if (!ReferenceEquals(child.Parent, target)) target[key] = child;
                MergeInto(child, childPatch);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static JsonObject Diff(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (key, _) in original)
            if (!modified.TryGetPropertyValue(key, out var v) || v is null) patch[key] = null;
        foreach (var (key, value) in modified)
        {
            if (value is null) continue;
            if (!original.TryGetPropertyValue(key, out var before) || before is null)
            {
                patch[key] = value.DeepClone();
            }
            else if (before is JsonObject bo && value is JsonObject vo)
            {
                var child = Diff(bo, vo);
                if (child.Count > 0) patch[key] = child;
            }
            else if (!JsonEquality.AreEqual(before, value))
            {
                patch[key] = value.DeepClone();
            }
        }
        return patch;
    }
}
