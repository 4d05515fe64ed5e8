using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// <c>*/scale</c>: GET, PUT and PATCH of an autoscaling/v1 Scale backed by <c>spec.replicas</c> of any resource that
/// declares the subresource, with <c>status.selector</c> as the string form of the selector (what HPAs and kubectl read).
/// </summary>
internal static class ScaleSubresource
{
    private static readonly ResourceType ScaleType = new("autoscaling", "v1", "Scale", "scale", true, [], [], []);

    public static async Task HandleAsync(ApiRequest request)
    {
        var info = request.Info;
        var rt = info.Type!;
        var api = request.Context.Api;
        var ns = rt.Namespaced ? info.Namespace : "";
        var obj = api.Get(rt, ns, info.Name);
        switch (request.Http.Request.Method.ToUpperInvariant())
        {
            case "GET":
                await request.WriteAsync(200, ToScale(obj)).ConfigureAwait(false);
                return;
            case "PUT":
            {
                var scale = await request.ReadObjectAsync(ScaleType).ConfigureAwait(false);
                await WriteWithRetryAsync(request, rt, ns, obj, _ => scale).ConfigureAwait(false);
                return;
            }
            case "PATCH":
            {
                var body = await request.ReadBodyAsync().ConfigureAwait(false);
                await WriteWithRetryAsync(request, rt, ns, obj, current => ApplyPatch(api, request.MediaType, ToScale(current), body)).ConfigureAwait(false);
                return;
            }
            default:
                throw ApiException.MethodNotSupported(info.RbacResource, request.Http.Request.Method);
        }
    }

    private static JsonObject ApplyPatch(ObjectApi api, string mediaType, JsonObject current, byte[] body)
    {
        if (api.PatcherFor(mediaType) is { } patcher) return patcher.Apply(ScaleType, current.Clone(), body);
        // A Scale has no lists, so a strategic merge patch is a plain merge patch (RFC 7386).
        if (mediaType is "application/merge-patch+json" or "application/strategic-merge-patch+json")
            return (JsonObject)MergePatch(current.Clone(), JsonNode.Parse(body))!;
        throw ApiException.UnsupportedMediaType(mediaType);
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var t = target as JsonObject ?? new JsonObject();
        foreach (var (k, v) in p)
        {
            if (v is null) t.Remove(k);
            else t[k] = MergePatch(t[k]?.DeepClone(), v);
        }
        return t;
    }

    /// <summary>
    /// Writes the scale; when a controller wrote the object in between and the request pinned no resourceVersion,
    /// recomputes from the fresh object and tries again, as the API server's GuaranteedUpdate does.
    /// </summary>
    private static async Task WriteWithRetryAsync(ApiRequest request, ResourceType rt, string ns, JsonObject obj, Func<JsonObject, JsonObject> scaleFor)
    {
        for (var attempt = 1; ; attempt++)
        {
            var scale = scaleFor(obj);
            var pinned = scale.Str("metadata.resourceVersion") is { Length: > 0 } rv && rv != ToScale(obj).Str("metadata.resourceVersion") || attempt >= 10;
            try
            {
                await WriteScaleAsync(request, rt, obj, scale, pinned).ConfigureAwait(false);
                return;
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && !pinned)
            {
                obj = request.Context.Api.Get(rt, ns, obj.Name());
            }
        }
    }

    private static async Task WriteScaleAsync(ApiRequest request, ResourceType rt, JsonObject obj, JsonObject scale, bool pinned)
    {
        var name = obj.Name();
        var replicas = scale.Int("spec.replicas") ?? 0;
        if (replicas < 0)
            throw ApiException.InvalidField(ScaleType, name, "spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0");
        if (pinned && scale.Str("metadata.resourceVersion") is { Length: > 0 } rv && rv != obj.Str("metadata.resourceVersion"))
            throw ApiException.StaleResourceVersion(rt, name);
        obj.Obj("spec")["replicas"] = replicas;
        var options = ResourceHandlers.Options(request, "scale");
        var updated = request.Context.Api.Update(rt, obj.Namespace(), name, obj, request.User, options);
        await request.WriteAsync(200, ToScale(updated)).ConfigureAwait(false);
    }

    internal static JsonObject ToScale(JsonObject obj)
    {
        var selectorNode = obj.At("spec.selector");
        var selector = selectorNode is JsonObject s && (s.ContainsKey("matchLabels") || s.ContainsKey("matchExpressions"))
            ? LabelSelector.FromObject(s)
            : LabelSelector.FromMap(Json.StringMap(selectorNode));
        var meta = new JsonObject
        {
            ["name"] = obj.Name(),
            ["namespace"] = obj.Namespace().Length > 0 ? obj.Namespace() : null,
            ["uid"] = obj.Uid(),
            ["resourceVersion"] = obj.Str("metadata.resourceVersion"),
            ["creationTimestamp"] = obj.Str("metadata.creationTimestamp"),
        };
        if (meta["namespace"] is null) meta.Remove("namespace");
        var status = new JsonObject { ["replicas"] = obj.Int("status.replicas") ?? 0 };
        var text = selector.ToString();
        if (text.Length > 0) status["selector"] = text;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = meta,
            ["spec"] = new JsonObject { ["replicas"] = obj.Int("spec.replicas") ?? 0 },
            ["status"] = status,
        };
    }
}
