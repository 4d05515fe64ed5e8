using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.CustomResources;

/// <summary>
/// apiextensions' controllers in one: accepts a CRD's names, marks it Established, serves its versions (catalog,
/// discovery, OpenAPI, printer columns), and on deletion removes every custom object before letting the CRD go.
/// </summary>
internal sealed class CrdController : ReconcilingController
{
    private readonly ResourceType _crdType;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ResourceType>> _served = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ResourceType, ITablePrinter> _printers = new();
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _conflicted = new(StringComparer.Ordinal);

    public CrdController(EmulatorContext context) : base(context)
    {
        _crdType = context.Type("apiextensions.k8s.io", "customresourcedefinitions");
    }

    /// <summary>The printer of a served custom resource type, or null.</summary>
    public ITablePrinter? PrinterFor(ResourceType rt) => _printers.GetValueOrDefault(rt);

    protected override IEnumerable<ResourceType> Watched => [_crdType];

    /// <summary>A change to one CRD may free names another one is waiting for.</summary>
    protected override IEnumerable<string> KeysFor(Storage.StoredEvent change) =>
        [change.Object.Key, .. _conflicted.Keys.Where(n => n != change.Object.Name).Select(n => "/" + n)];

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (_, name) = Split(key);
        var crd = Context.Api.TryGet(_crdType, "", name);
        if (crd is null)
        {
            _conflicted.TryRemove(name, out _);
            Unserve(name, deleteObjects: true);
            return Task.CompletedTask;
        }
        if (crd.At("metadata.deletionTimestamp") is not null)
        {
            Finalize(crd);
            return Task.CompletedTask;
        }
        if (!_served.ContainsKey(name) && NameConflict(crd) is { } conflict)
        {
            WriteConditions(crd, null, ("NamesAccepted", "False", conflict.Reason, conflict.Message),
                ("Established", "False", "NotAccepted", "not all names are accepted"));
            _conflicted[name] = true; // re-examined whenever another CRD changes (KeysFor)
            return Task.CompletedTask;
        }
        _conflicted.TryRemove(name, out _);
        // Status writes come back as changes too: only a new spec (generation) re-serves the CRD, so that the catalog's
        // Changed event (discovery, OpenAPI caches) fires once per real change.
        var generation = crd.Int("metadata.generation") ?? 0;
        if (!_generations.TryGetValue(name, out var served) || served != generation)
        {
            var types = TypesOf(crd);
            foreach (var rt in types) _printers[rt] = CustomResourcePrinter.For(crd, rt.Version);
            if (_served.TryGetValue(name, out var previous))
                foreach (var gone in previous.Except(types)) _printers.TryRemove(gone, out _);
            _served[name] = types;
            _generations[name] = generation;
            Context.Catalog.SetCustomResources(name, types);
        }
        UpdateStatus(crd);
        return Task.CompletedTask;
    }

    /// <summary>The served versions of a CRD as resource types, the preferred (highest priority) version first.</summary>
    internal static List<ResourceType> TypesOf(JsonObject crd)
    {
        var group = crd.Str("spec.group") ?? "";
        var names = crd.At("spec.names");
        var kind = names.Str("kind") ?? "";
        var plural = names.Str("plural") ?? "";
        var shortNames = Strings(names.At("shortNames"));
        var categories = Strings(names.At("categories"));
        var namespaced = crd.Str("spec.scope") != "Cluster";
        var types = new List<ResourceType>();
        foreach (var v in crd.Items("spec.versions"))
        {
            if (v.Bool("served") == false) continue;
            var subresources = new List<string>();
            if (v.At("subresources.status") is not null) subresources.Add("status");
            if (v.At("subresources.scale") is not null) subresources.Add("scale");
            types.Add(new ResourceType(group, v.Str("name") ?? "", kind, plural, namespaced, shortNames, categories, subresources) { IsCustom = true });
        }
        types.Sort((a, b) => VersionPriority.Compare(a.Version, b.Version));
        return types;
    }

    private void UpdateStatus(JsonObject crd)
    {
        var names = crd.At("spec.names") as JsonObject ?? new JsonObject();
        var accepted = names.Clone();
        accepted["singular"] ??= (names.Str("kind") ?? "").ToLowerInvariant();
        accepted["listKind"] ??= names.Str("kind") + "List";
        WriteConditions(crd, accepted, ("NamesAccepted", "True", "NoConflicts", "no conflicts found"),
            ("Established", "True", "InitialNamesAccepted", "the initial names have been accepted"));
    }

    /// <summary>Writes conditions (and, once accepted, acceptedNames and storedVersions) when they differ.</summary>
    private void WriteConditions(JsonObject crd, JsonObject? accepted, params (string Type, string Status, string Reason, string Message)[] wanted)
    {
        var now = Json.Time(Context.Clock.GetUtcNow());
        var status = crd["status"] as JsonObject ?? new JsonObject();
        var conditions = status["conditions"] as JsonArray ?? [];
        var changed = false;
        foreach (var (type, value, reason, message) in wanted) changed |= SetCondition(conditions, type, value, reason, message, now);
        status["conditions"] = conditions;
        if (accepted is not null)
        {
            var storage = crd.Items("spec.versions").FirstOrDefault(v => v.Bool("storage") == true)?.Str("name");
            var stored = status["storedVersions"] as JsonArray ?? [];
            if (storage is not null && !stored.Any(s => s?.GetValue<string>() == storage))
            {
                stored.Add(storage);
                changed = true;
            }
            if (!JsonNode.DeepEquals(status["acceptedNames"], accepted)) changed = true;
            status["acceptedNames"] = accepted;
            status["storedVersions"] = stored;
        }
        if (!changed) return;
        crd["status"] = status;
        Context.Api.Update(_crdType, "", crd.Name(), crd, UserInfo.System, new WriteOptions { Subresource = "status" });
    }

    /// <summary>
    /// Names another CRD of the same group has already had accepted. Like apiextensions' naming controller, every name
    /// is checked (singular, short names, kind, list kind) and the last conflict found is the one reported.
    /// </summary>
    private (string Reason, string Message)? NameConflict(JsonObject crd)
    {
        var group = crd.Str("spec.group");
        var names = crd.At("spec.names");
        var kind = names.Str("kind") ?? "";
        var singular = names.Str("singular") ?? kind.ToLowerInvariant();
        var listKind = names.Str("listKind") ?? kind + "List";
        var shortNames = Strings(names.At("shortNames"));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var takenKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in Context.Api.List(_crdType))
        {
            if (other.Name() == crd.Name() || other.Str("spec.group") != group || other.At("status.acceptedNames") is not JsonObject accepted) continue;
            taken.Add(accepted.Str("plural") ?? "");
            taken.Add(accepted.Str("singular") ?? "");
            foreach (var s in Strings(accepted["shortNames"])) taken.Add(s);
            takenKinds.Add(accepted.Str("kind") ?? "");
            takenKinds.Add(accepted.Str("listKind") ?? "");
        }
        (string, string)? conflict = null;
        if (taken.Contains(singular)) conflict = ("SingularConflict", $"\"{singular}\" is already in use");
        foreach (var s in shortNames)
            if (taken.Contains(s)) conflict = ("ShortNamesConflict", $"\"{s}\" is already in use");
        if (takenKinds.Contains(kind)) conflict = ("KindConflict", $"\"{kind}\" is already in use");
        if (takenKinds.Contains(listKind)) conflict = ("ListKindConflict", $"\"{listKind}\" is already in use");
        return conflict;
    }

    private static bool SetCondition(JsonArray conditions, string type, string status, string reason, string message, string now)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        if (existing is not null && existing.Str("status") == status && existing.Str("reason") == reason) return false;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastTransitionTime"] = existing is not null && existing.Str("status") == status ? existing["lastTransitionTime"]?.DeepClone() : now,
            ["reason"] = reason,
            ["message"] = message,
        };
        if (existing is not null) conditions[conditions.IndexOf(existing)] = condition;
        else conditions.Add(condition);
        return true;
    }

    private void Finalize(JsonObject crd)
    {
        Unserve(crd.Name(), deleteObjects: true);
        var finalizers = crd.At("metadata.finalizers") as JsonArray;
        var remaining = finalizers?.Where(f => f?.GetValue<string>() != CrdValidation.CleanupFinalizer).Select(f => f?.DeepClone()).ToArray() ?? [];
        if (remaining.Length == (finalizers?.Count ?? 0)) return;
        crd.Meta()["finalizers"] = new JsonArray(remaining);
        Context.Api.Update(_crdType, "", crd.Name(), crd, UserInfo.System);
    }

    private void Unserve(string name, bool deleteObjects)
    {
        _generations.TryRemove(name, out _);
        if (!_served.TryRemove(name, out var types)) return;
        if (deleteObjects && types.Count > 0)
        {
            // Every version shares one storage key, so listing through any served version finds all objects.
            var rt = types[0];
            foreach (var obj in Context.Store.List(rt, null).Items)
            {
                try { Context.Api.Delete(rt, obj.Namespace, obj.Name, UserInfo.System); }
                catch (ApiException e) when (e.Code == 404) { }
            }
        }
        foreach (var rt in types) _printers.TryRemove(rt, out _);
        Context.Catalog.SetCustomResources(name, []);
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToArray() : [];
}
