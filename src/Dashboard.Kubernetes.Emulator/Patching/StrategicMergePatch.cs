using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Kubernetes.Emulator.Patching;

/// <summary>
/// Kubernetes strategic merge patch: a JSON merge patch whose lists merge by key where the kind's Go types say so
/// (<see cref="ListRules"/>), plus the directives <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/&lt;f&gt;</c>
/// and <c>$deleteFromPrimitiveList/&lt;f&gt;</c> that kubectl apply, edit and patch send.
/// </summary>
internal sealed class StrategicMergePatch(ResourceType type)
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <summary>Applies <paramref name="patch"/> to <paramref name="original"/> (which is modified and returned).</summary>
    public JsonObject Apply(JsonObject original, JsonObject patch) => MergeMap(original, patch, []);

    private JsonObject MergeMap(JsonObject original, JsonObject patch, List<string> path)
    {
        if (patch[Directive] is JsonNode d)
        {
            switch (d.GetValueKind() == System.Text.Json.JsonValueKind.String ? d.GetValue<string>() : d.ToJsonString())
            {
                case "replace":
                    return Clean(patch);
                case "delete":
                    return [];
                case "merge":
                    break;
                default:
                    throw ApiException.BadRequest($"Unknown patch type: {d.ToJsonString()} in map: {patch.ToJsonString()}");
            }
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) original.Remove(key);
        }

        var orders = new List<(string Field, JsonArray Order)>();
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (value is not JsonArray toDelete) throw ApiException.BadRequest($"invalid {key}: must be a list");
                if (original[field] is JsonArray list)
                    foreach (var item in list.Where(i => toDelete.Any(x => JsonEquality.AreEqual(i, x))).ToList()) list.Remove(item);
            }
            else if (key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                if (value is not JsonArray order) throw ApiException.BadRequest($"invalid {key}: must be a list");
                orders.Add((key[SetElementOrder.Length..], order));
            }
        }

        foreach (var (key, value) in patch.ToList())
        {
            if (key.StartsWith('$')) continue;
            var childPath = new List<string>(path) { key };
            switch (value)
            {
                case null:
                    original.Remove(key);
                    break;
                case JsonObject childPatch:
                    // Strategic merge knows no atomic maps: even label selectors merge key by key, as in apimachinery.
                    var target = original[key] as JsonObject;
                    if (target is null)
                    {
                        original[key] = MergeMap([], childPatch, childPath);
                    }
                    else
                    {
                        original[key] = null; // detach so the merged tree can be re-attached
                        original[key] = MergeMap(target, childPatch, childPath);
                    }
                    break;
                case JsonArray listPatch:
                    var rule = ListRules.Find(type, childPath);
                    var current = original[key] as JsonArray;
                    var before = current?.Select(n => n?.DeepClone()).ToList() ?? [];
                    JsonArray merged = rule is null ? CleanList(listPatch)
                        : rule.IsSet ? MergeSet(current, listPatch)
                        : MergeKeyed(current, listPatch, rule, childPath);
                    var order = orders.FirstOrDefault(o => o.Field == key).Order;
                    original[key] = order is null ? merged : Reorder(merged, order, before, rule);
                    break;
                default:
                    original[key] = value.DeepClone();
                    break;
            }
        }

        // A $setElementOrder for a list the patch did not otherwise touch still reorders it.
        foreach (var (field, order) in orders)
        {
            if (patch.ContainsKey(field) || original[field] is not JsonArray list) continue;
            var rule = ListRules.Find(type, [.. path, field]);
            var items = list.Select(n => n?.DeepClone()).ToList();
            original[field] = Reorder(new JsonArray([.. items]), order, items, rule);
        }
        return original;
    }

    private static JsonArray MergeSet(JsonArray? current, JsonArray patch)
    {
        var result = new JsonArray();
        foreach (var item in (IEnumerable<JsonNode?>?)current ?? []) result.Add(item?.DeepClone());
        foreach (var item in patch)
        {
            if (item is JsonObject o && o[Directive] is not null)
            {
                if (o[Directive]?.ToString() == "replace") return CleanList(new JsonArray([.. patch.Where(p => p is not JsonObject po || po[Directive] is null).Select(p => p?.DeepClone())]));
                continue;
            }
            if (!result.Any(r => JsonEquality.AreEqual(r, item))) result.Add(item?.DeepClone());
        }
        return result;
    }

    private JsonArray MergeKeyed(JsonArray? current, JsonArray patch, ListRule rule, List<string> path)
    {
        var key = rule.MergeKey!;
        var items = current?.Select(n => n?.DeepClone()).ToList() ?? [];
        var toMerge = new List<JsonObject>();
        var replace = false;
        foreach (var element in patch)
        {
            if (element is not JsonObject item)
                throw ApiException.BadRequest($"unable to find api field in struct for the list element {element?.ToJsonString() ?? "null"}: expected a map with merge key \"{key}\"");
            switch (item[Directive]?.ToString())
            {
                case null:
                    if (item[key] is null) throw ApiException.BadRequest($"map: {item.ToJsonString()} does not contain declared merge key: {key}");
                    toMerge.Add(item);
                    break;
                case "delete":
                    if (item[key] is not JsonNode keyValue) throw ApiException.BadRequest($"map: {item.ToJsonString()} does not contain declared merge key: {key}");
                    items.RemoveAll(i => JsonEquality.AreEqual(i?[key], keyValue));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw ApiException.BadRequest("merging lists cannot yet be specified in the patch");
                default:
                    throw ApiException.BadRequest($"Unknown patch type: {item[Directive]!.ToJsonString()} in map: {item.ToJsonString()}");
            }
        }
        if (replace) return new JsonArray([.. toMerge.Select(i => (JsonNode)Clean(i))]);
        foreach (var item in toMerge)
        {
            var index = items.FindIndex(i => JsonEquality.AreEqual(i?[key], item[key]));
            if (index >= 0 && items[index] is JsonObject existing) items[index] = MergeMap(existing, item, path);
            else items.Add(MergeMap([], item, path));
        }
        return new JsonArray([.. items]);
    }

    /// <summary>
    /// Orders a merged list by <c>$setElementOrder</c>: listed elements in that order, elements only the server has
    /// kept where they were relative to them (the relative order rules of apimachinery's strategic merge).
    /// </summary>
    private static JsonArray Reorder(JsonArray merged, JsonArray order, List<JsonNode?> serverOrder, ListRule? rule)
    {
        bool Same(JsonNode? a, JsonNode? b) => rule?.MergeKey is { } k ? JsonEquality.AreEqual(a?[k], b?[k]) : JsonEquality.AreEqual(a, b);
        int IndexIn(IReadOnlyList<JsonNode?> list, JsonNode? item)
        {
            for (var i = 0; i < list.Count; i++) if (Same(list[i], item)) return i;
            return -1;
        }
        var items = merged.Select(n => n?.DeepClone()).ToList();
        var orderList = order.ToList();
        var inPatch = items.Where(i => IndexIn(orderList, i) >= 0).OrderBy(i => IndexIn(orderList, i)).ToList();
        var serverOnly = items.Where(i => IndexIn(orderList, i) < 0).OrderBy(i => IndexIn(serverOrder, i)).ToList();
        var result = new JsonArray();
        int l = 0, r = 0;
        while (l < serverOnly.Count || r < inPatch.Count)
        {
            if (l >= serverOnly.Count) { result.Add(inPatch[r++]); continue; }
            if (r >= inPatch.Count) { result.Add(serverOnly[l++]); continue; }
            var li = IndexIn(serverOrder, serverOnly[l]);
            var ri = IndexIn(serverOrder, inPatch[r]);
            if (li >= 0 && ri >= 0 && li < ri) result.Add(serverOnly[l++]);
            else result.Add(inPatch[r++]);
        }
        return result;
    }

    /// <summary>New content carries no directives and no nulls (a null means "absent" in a patch).</summary>
    private static JsonObject Clean(JsonObject patch)
    {
        var result = new JsonObject();
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$') || value is null) continue;
            result[key] = value switch
            {
                JsonObject o => Clean(o),
                JsonArray a => CleanList(a),
                _ => value.DeepClone(),
            };
        }
        return result;
    }

    private static JsonArray CleanList(JsonArray list) =>
        new([.. list.Select(n => n switch
        {
            JsonObject o => Clean(o),
            JsonArray a => CleanList(a),
            _ => n?.DeepClone(),
        })]);
}
