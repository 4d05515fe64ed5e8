using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Kubernetes.Emulator.Patching;

/// <summary>
/// Server-side apply and managedFields bookkeeping: appliers own the fields of their configuration, writers own
/// what they changed, and applying a field another manager owns with a different value is a conflict unless forced.
/// </summary>
internal sealed class FieldManager(TimeProvider clock) : IFieldManager
{
    public JsonObject Apply(ResourceType type, JsonObject? current, JsonObject applied, string manager, bool force)
    {
        if (applied.At("metadata.managedFields") is not null) throw ApiException.BadRequest("metadata.managedFields must be nil");
        // A resourceVersion in the configuration is a precondition, as for any other write.
        if (current is not null && applied.Str("metadata.resourceVersion") is { Length: > 0 } rv && rv != current.Str("metadata.resourceVersion"))
            throw ApiException.StaleResourceVersion(type, current.Name());
        var config = WithoutNulls(applied);
        config.Meta().Remove("resourceVersion");
        var appliedSet = FieldSets.Of(type, config, null);
        var entries = ManagedFieldsEntry.Read(current);
        JsonObject result;
        if (current is null)
        {
            result = config.Clone();
        }
        else
        {
            var mine = entries.FirstOrDefault(e => e.Is(manager, "Apply", null));
            var others = entries.Where(e => !ReferenceEquals(e, mine)).ToList();
            var conflicts = FindConflicts(current, config, appliedSet, others);
            if (conflicts.Count > 0 && !force) throw ConflictError(conflicts);
            foreach (var (owner, path) in conflicts) owner.Fields.Remove(path);

            result = current;
            MergeInto(type, result, config, []);
            if (mine is not null)
            {
                // Fields this manager applied before and dropped from its configuration go, unless someone else owns them.
                // Parents first: a list element is found by its key fields, which removing its children would erase.
                foreach (var path in mine.Fields.Paths.Where(p => !appliedSet.Contains(p)).OrderBy(p => p.Length).ToList())
                    if (!others.Any(o => o.Fields.ContainsOrUnder(path)) && !appliedSet.ContainsOrUnder(path))
                        FieldSet.RemoveAt(result, path);
            }
        }
        var entry = entries.FirstOrDefault(e => e.Is(manager, "Apply", null));
        if (entry is null)
        {
            entry = new ManagedFieldsEntry { Manager = manager, Operation = "Apply" };
            entries.Add(entry);
        }
        entry.ApiVersion = type.ApiVersion;
        entry.Time = Json.Time(clock.GetUtcNow());
        entry.Fields = appliedSet;
        ManagedFieldsEntry.Write(result, entries);
        return PatchResult.Normalize(result);
    }

    public void RecordUpdate(ResourceType type, JsonObject? old, JsonObject updated, string manager, string? subresource)
    {
        var entries = ManagedFieldsEntry.Read(updated);
        var (changed, removed) = FieldSets.Diff(type, old, updated, subresource);
        foreach (var e in entries)
        {
            foreach (var path in removed.Paths) e.Fields.Remove(path);
            foreach (var path in changed.Paths) e.Fields.Remove(path);
        }
        if (changed.Count > 0)
        {
            var entry = entries.FirstOrDefault(e => e.Is(manager, "Update", subresource) && e.ApiVersion == type.ApiVersion);
            if (entry is null)
            {
                entry = new ManagedFieldsEntry { Manager = manager, Operation = "Update", ApiVersion = type.ApiVersion, Subresource = subresource };
                entries.Add(entry);
            }
            foreach (var path in changed.Paths) entry.Fields.Add(path);
            entry.Time = Json.Time(clock.GetUtcNow());
        }
        ManagedFieldsEntry.Write(updated, entries);
    }

    private static List<(ManagedFieldsEntry Owner, string[] Path)> FindConflicts(
        JsonObject current, JsonObject config, FieldSet appliedSet, List<ManagedFieldsEntry> others)
    {
        var conflicts = new List<(ManagedFieldsEntry, string[])>();
        foreach (var owner in others)
        {
            foreach (var path in appliedSet.Paths)
            {
                if (!owner.Fields.Contains(path)) continue;
                var live = FieldSet.ValueAt(current, path);
                var wanted = FieldSet.ValueAt(config, path);
                // List elements and maps are containers: only the values inside them can disagree.
                if (live is JsonObject && wanted is JsonObject) continue;
                if (!JsonEquality.AreEqual(live, wanted)) conflicts.Add((owner, path));
            }
        }
        conflicts.Sort((x, y) => FieldSet.ComparePaths(x.Item2, y.Item2));
        return conflicts;
    }

    private static ApiException ConflictError(List<(ManagedFieldsEntry Owner, string[] Path)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var (owner, path) in conflicts)
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with {owner.Describe()}",
                ["field"] = FieldSet.Display(path),
            });
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Owner.Describe()}: {FieldSet.Display(conflicts[0].Path)}";
        }
        else
        {
            var lines = new List<string>();
            foreach (var group in conflicts.GroupBy(c => c.Owner.Describe()).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add($"conflicts with {group.Key}:");
                lines.AddRange(group.Select(c => "- " + FieldSet.Display(c.Path)));
            }
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join('\n', lines)}";
        }
        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }

    /// <summary>Merges an applied configuration into the live object: maps field by field, keyed lists element by element.</summary>
    private static void MergeInto(ResourceType type, JsonObject target, JsonObject config, List<string> fieldPath)
    {
        foreach (var (key, value) in config)
        {
            var childPath = new List<string>(fieldPath) { key };
            if (value is JsonObject o && target[key] is JsonObject t && !ListRules.IsAtomicMap(type, childPath))
            {
                MergeInto(type, t, o, childPath);
            }
            else if (value is JsonArray a && target[key] is JsonArray live && ListRules.Find(type, childPath) is { } rule)
            {
                foreach (var item in a)
                {
                    if (rule.IsSet)
                    {
                        if (!live.Any(l => JsonEquality.AreEqual(l, item))) live.Add(item?.DeepClone());
                    }
                    else if (item is JsonObject element
                             && FieldSet.ValueAt(live, [FieldSet.ElementKey(element, rule)]) is JsonObject existing)
                    {
                        MergeInto(type, existing, element, childPath);
                    }
                    else
                    {
                        live.Add(item?.DeepClone());
                    }
                }
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static JsonObject WithoutNulls(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (value is null) continue;
            result[key] = value switch
            {
                JsonObject o => WithoutNulls(o),
                JsonArray a => new JsonArray([.. a.Select(i => i is JsonObject io ? WithoutNulls(io) : i?.DeepClone())]),
                _ => value.DeepClone(),
            };
        }
        return result;
    }
}
