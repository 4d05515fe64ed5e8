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

    public CrdController(EmulatorContext context) : base(context)
    {
        _crdType = context.Type("apiextensions.k8s.io", "customresourcedefinitions");
    }

    /// <summary>The printer of a served custom resource type, or null.</summary>
    public ITablePrinter? PrinterFor(ResourceType rt) => _printers.GetValueOrDefault(rt);

    protected override IEnumerable<ResourceType> Watched => [_crdType];

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (_, name) = Split(key);
        var crd = Context.Api.TryGet(_crdType, "", name);
        if (crd is null)
        {
            Unserve(name, deleteObjects: true);
            return Task.CompletedTask;
        }
        if (crd.At("metadata.deletionTimestamp") is not null)
        {
            Finalize(crd);
            return Task.CompletedTask;
        }
        var types = TypesOf(crd);
        foreach (var rt in types) _printers[rt] = CustomResourcePrinter.For(crd, rt.Version);
        _served[name] = types;
        Context.Catalog.SetCustomResources(name, types);
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
        var now = Json.Time(Context.Clock.GetUtcNow());
        var names = crd.At("spec.names") as JsonObject ?? new JsonObject();
        var accepted = names.Clone();
        accepted["singular"] ??= (names.Str("kind") ?? "").ToLowerInvariant();
        accepted["listKind"] ??= names.Str("kind") + "List";
        var status = crd["status"] as JsonObject ?? new JsonObject();
        var conditions = status["conditions"] as JsonArray ?? [];
        var changed = SetCondition(conditions, "NamesAccepted", "NoConflicts", "no conflicts found", now);
        changed |= SetCondition(conditions, "Established", "InitialNamesAccepted", "the initial names have been accepted", now);
        var storage = crd.Items("spec.versions").FirstOrDefault(v => v.Bool("storage") == true)?.Str("name");
        var stored = status["storedVersions"] as JsonArray ?? [];
        if (storage is not null && !stored.Any(s => s?.GetValue<string>() == storage))
        {
            stored.Add(storage);
            changed = true;
        }
        if (!JsonNode.DeepEquals(status["acceptedNames"], accepted)) changed = true;
        if (!changed) return;
        status["conditions"] = conditions;
        status["acceptedNames"] = accepted;
        status["storedVersions"] = stored;
        crd["status"] = status;
        Context.Api.Update(_crdType, "", crd.Name(), crd, UserInfo.System, new WriteOptions { Subresource = "status" });
    }

    private static bool SetCondition(JsonArray conditions, string type, string reason, string message, string now)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        if (existing is not null && existing.Str("status") == "True") return false;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = now,
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
