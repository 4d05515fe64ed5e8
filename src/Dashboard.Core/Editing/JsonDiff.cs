using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Core.Editing;

/// <summary>How a field changed.</summary>
public enum FieldChangeKind
{
    /// <summary>The field is new.</summary>
    Added,
    /// <summary>The field is gone.</summary>
    Removed,
    /// <summary>The field has another value.</summary>
    Changed,
}

/// <summary>One changed field: its path and its values before and after, each on one line (YAML inline form).</summary>
public sealed record FieldChange(string Path, FieldChangeKind Kind, string? Before, string? After);

/// <summary>The leaf-level differences between two JSON trees, in document order.</summary>
public static class JsonDiff
{
    /// <summary>Lists changed fields; lists of different lengths are compared element by element, the tail added or removed.</summary>
    public static IReadOnlyList<FieldChange> Changes(JsonNode? before, JsonNode? after, Func<string, bool>? ignore = null)
    {
        var changes = new List<FieldChange>();
        Walk(before, after, [], changes, ignore ?? (_ => false));
        return changes;
    }

    private static void Walk(JsonNode? before, JsonNode? after, List<FieldStep> path, List<FieldChange> changes, Func<string, bool> ignore)
    {
        if (path.Count > 0 && ignore(FieldPath.Format(path))) return;
        if (JsonEquality.AreEqual(before, after)) return;
        if (before is JsonObject bo && after is JsonObject ao)
        {
            foreach (var (key, value) in bo)
            {
                path.Add(FieldStep.Named(key));
                if (ao.TryGetPropertyValue(key, out var other)) Walk(value, other, path, changes, ignore);
                else if (!ignore(FieldPath.Format(path))) changes.Add(new(FieldPath.Format(path), FieldChangeKind.Removed, Short(value), null));
                path.RemoveAt(path.Count - 1);
            }
            foreach (var (key, value) in ao)
            {
                if (bo.ContainsKey(key)) continue;
                path.Add(FieldStep.Named(key));
                if (!ignore(FieldPath.Format(path))) changes.Add(new(FieldPath.Format(path), FieldChangeKind.Added, null, Short(value)));
                path.RemoveAt(path.Count - 1);
            }
            return;
        }
        if (before is JsonArray ba && after is JsonArray aa)
        {
            for (var i = 0; i < Math.Max(ba.Count, aa.Count); i++)
            {
                path.Add(FieldStep.At(i));
                if (i >= aa.Count) changes.Add(new(FieldPath.Format(path), FieldChangeKind.Removed, Short(ba[i]), null));
                else if (i >= ba.Count) changes.Add(new(FieldPath.Format(path), FieldChangeKind.Added, null, Short(aa[i])));
                else Walk(ba[i], aa[i], path, changes, ignore);
                path.RemoveAt(path.Count - 1);
            }
            return;
        }
        changes.Add(new(FieldPath.Format(path), FieldChangeKind.Changed, Short(before), Short(after)));
    }

    /// <summary>A value on one line: scalars as YAML, collections as compact JSON, long ones cut.</summary>
    internal static string Short(JsonNode? value)
    {
        var text = value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 } ? value.ToJsonString() : YamlWriter.Inline(value);
        return text.Length > 120 ? text[..119] + "…" : text;
    }
}
