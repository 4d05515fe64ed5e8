using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// SetDefaults_LimitRangeItem: for Container items a missing default limit comes from max, a missing default request
/// from the default limit, then from min. kubectl describe limits shows the result.
/// </summary>
internal sealed class LimitRangeDefaultsPlugin : IAdmissionPlugin
{
    public const string Key = "limitranges";

    public int Order => 10;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != Key) return;
        foreach (var item in request.Object.Items("spec.limits"))
        {
            if (item.Str("type") != "Container") continue;
            var defaults = item["default"] as JsonObject ?? new JsonObject();
            var defaultRequest = item["defaultRequest"] as JsonObject ?? new JsonObject();
            foreach (var (k, v) in Json.StringMap(item["max"])) defaults[k] ??= v;
            foreach (var (k, v) in Json.StringMap(defaults)) defaultRequest[k] ??= v;
            foreach (var (k, v) in Json.StringMap(item["min"])) defaultRequest[k] ??= v;
            if (defaults.Count > 0) item["default"] = defaults;
            if (defaultRequest.Count > 0) item["defaultRequest"] = defaultRequest;
        }
    }
}

/// <summary>
/// The LimitRanger admission plugin for pods: default requests and limits into containers (recording what it set in
/// the <c>kubernetes.io/limit-ranger</c> annotation), then min/max per Container and per Pod, rejecting with 403.
/// </summary>
internal sealed class LimitRangerPlugin(ObjectApi api) : IAdmissionPlugin
{
    private const string Annotation = "kubernetes.io/limit-ranger";

    public int Order => 50;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation != AdmissionOperation.Create) return;
        var isPod = request.Type.Key == PodSpecLocations.PodKey;
        if (!isPod && request.Type.Key != DefaultStorageClassPlugin.ClaimsKey) return;
        var rangesType = api.Catalog.FindPreferred("", LimitRangeDefaultsPlugin.Key);
        if (rangesType is null) return;
        var ranges = api.List(rangesType, request.Object.Namespace());
        if (ranges.Count == 0) return;
        if (!isPod)
        {
            AdmitClaim(request, ranges);
            return;
        }
        var pod = request.Object;
        var spec = pod.Obj("spec");
        var items = ranges.SelectMany(r => r.Items("spec.limits")).ToList();
        var notes = new List<string>();
        foreach (var item in items.Where(i => i.Str("type") == "Container"))
        {
            foreach (var (list, prefix) in new[] { ("initContainers", "init container"), ("containers", "container") })
                foreach (var c in spec.Items(list)) ApplyDefaults(c, item, prefix, notes);
        }
        if (notes.Count > 0)
            pod.Obj("metadata.annotations")[Annotation] = "LimitRanger plugin set: " + string.Join("; ", notes);

        var errors = new List<string>();
        foreach (var item in items)
        {
            var type = item.Str("type");
            if (type == "Container")
            {
                foreach (var c in spec.Items("initContainers").Concat(spec.Items("containers")))
                    Check(item, "Container", Json.StringMap(c.At("resources.requests")), Json.StringMap(c.At("resources.limits")), errors);
            }
            else if (type == "Pod")
            {
                Check(item, "Pod", PodTotals(spec, "requests"), PodTotals(spec, "limits"), errors);
            }
        }
        if (errors.Count == 0) return;
        var text = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
        throw ApiException.Forbidden($"{request.Type.QualifiedName} \"{pod.Name()}\" is forbidden: {text}", request.Type, pod.Name());
    }

    /// <summary>PersistentVolumeClaim items bound the requested storage (max compares the request, as for claims).</summary>
    private static void AdmitClaim(AdmissionRequest request, List<JsonObject> ranges)
    {
        var claim = request.Object;
        var requests = Json.StringMap(claim.At("spec.resources.requests"));
        var errors = new List<string>();
        foreach (var item in ranges.SelectMany(r => r.Items("spec.limits")).Where(i => i.Str("type") == "PersistentVolumeClaim"))
        {
            foreach (var (resource, minText) in Json.StringMap(item["min"]).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var min = ExactQuantity.Parse(minText);
                if (!requests.TryGetValue(resource, out var req))
                    errors.Add($"minimum {resource} usage per PersistentVolumeClaim is {min}.  No request is specified");
                else if (ExactQuantity.Parse(req).CompareTo(min) < 0)
                    errors.Add($"minimum {resource} usage per PersistentVolumeClaim is {min}, but request is {ExactQuantity.Parse(req)}");
            }
            foreach (var (resource, maxText) in Json.StringMap(item["max"]).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var max = ExactQuantity.Parse(maxText);
                if (!requests.TryGetValue(resource, out var req))
                    errors.Add($"maximum {resource} usage per PersistentVolumeClaim is {max}.  No request is specified");
                else if (ExactQuantity.Parse(req).CompareTo(max) > 0)
                    errors.Add($"maximum {resource} usage per PersistentVolumeClaim is {max}, but request is {ExactQuantity.Parse(req)}");
            }
        }
        if (errors.Count == 0) return;
        var text = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
        throw ApiException.Forbidden($"{request.Type.QualifiedName} \"{claim.Name()}\" is forbidden: {text}", request.Type, claim.Name());
    }

    private static void ApplyDefaults(JsonObject container, JsonObject item, string prefix, List<string> notes)
    {
        var resources = container["resources"] as JsonObject ?? new JsonObject();
        container["resources"] = resources;
        var setRequests = Merge(resources, "requests", item["defaultRequest"]);
        var setLimits = Merge(resources, "limits", item["default"]);
        var name = container.Str("name") ?? "";
        if (setRequests.Count > 0) notes.Add($"{string.Join(", ", setRequests.Order(StringComparer.Ordinal))} request for {prefix} {name}");
        if (setLimits.Count > 0) notes.Add($"{string.Join(", ", setLimits.Order(StringComparer.Ordinal))} limit for {prefix} {name}");
    }

    private static List<string> Merge(JsonObject resources, string field, JsonNode? defaults)
    {
        var set = new List<string>();
        var values = Json.StringMap(defaults);
        if (values.Count == 0) return set;
        var target = resources[field] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in values)
        {
            if (target.ContainsKey(k)) continue;
            target[k] = v;
            set.Add(k);
        }
        if (target.Count > 0) resources[field] = target;
        return set;
    }

    private static Dictionary<string, string> PodTotals(JsonObject spec, string field)
    {
        var totals = new Dictionary<string, ExactQuantity>(StringComparer.Ordinal);
        foreach (var c in spec.Items("containers"))
            foreach (var (k, v) in Json.StringMap(c.At("resources." + field)))
                totals[k] = (totals.TryGetValue(k, out var t) ? t : ExactQuantity.Zero) + ExactQuantity.Parse(v);
        return totals.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
    }

    private static void Check(JsonObject item, string scope, Dictionary<string, string> requests, Dictionary<string, string> limits, List<string> errors)
    {
        foreach (var (resource, minText) in Json.StringMap(item["min"]).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var min = ExactQuantity.Parse(minText);
            if (!requests.TryGetValue(resource, out var req))
                errors.Add($"minimum {resource} usage per {scope} is {min}.  No request is specified");
            else if (ExactQuantity.Parse(req).CompareTo(min) < 0)
                errors.Add($"minimum {resource} usage per {scope} is {min}, but request is {ExactQuantity.Parse(req)}");
        }
        foreach (var (resource, maxText) in Json.StringMap(item["max"]).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var max = ExactQuantity.Parse(maxText);
            if (!limits.TryGetValue(resource, out var lim))
                errors.Add($"maximum {resource} usage per {scope} is {max}.  No limit is specified");
            else if (ExactQuantity.Parse(lim).CompareTo(max) > 0)
                errors.Add($"maximum {resource} usage per {scope} is {max}, but limit is {ExactQuantity.Parse(lim)}");
        }
    }
}
