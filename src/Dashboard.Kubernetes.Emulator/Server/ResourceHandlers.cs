using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>The generic REST verbs for every stored resource: list, watch, get, create, update, patch, delete, deletecollection.</summary>
internal sealed class ResourceHandlers(EmulatorContext context)
{
    public const string DropAfterKey = "emulator.dropWatchAfter";
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public Task HandleAsync(ApiRequest request)
    {
        var info = request.Info;
        var rt = info.Type!;
        if (!rt.Namespaced && info.Namespace.Length > 0 && rt.Key != "namespaces") throw ApiException.PathNotFound();
        return (request.Http.Request.Method.ToUpperInvariant(), info.HasNameInPath) switch
        {
            ("GET", false) when request.QueryFlag("watch") => WatchAsync(request),
            ("GET", false) => ListAsync(request),
            ("GET", true) when request.QueryFlag("watch") => WatchAsync(request),
            ("GET", true) => GetAsync(request),
            ("POST", false) => CreateAsync(request),
            ("PUT", true) => UpdateAsync(request),
            ("PATCH", true) => PatchAsync(request),
            ("DELETE", true) => DeleteAsync(request),
            ("DELETE", false) => DeleteCollectionAsync(request),
            var (m, _) => throw ApiException.MethodNotSupported(rt.Plural, m),
        };
    }

    private static string NamespaceOf(RequestInfo info) => info.Type!.Namespaced ? info.Namespace : "";

    private Task GetAsync(ApiRequest request)
    {
        var info = request.Info;
        var stored = context.Store.Get(info.Type!, NamespaceOf(info), info.Name) ?? throw ApiException.NotFound(info.Type!, info.Name);
        if (TableWriter.Wants(request) && info.Subresource.Length == 0)
            return request.WriteAsync(200, TableWriter.Build(context, request, info.Type!, [ServedJson(info.Type!, stored)], stored.ResourceVersion.ToString(CultureInfo.InvariantCulture), null));
        return request.WriteBytesAsync(200, Served(info.Type!, stored));
    }

    private Func<StoredObject, bool> Filter(ApiRequest request)
    {
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), request.Info.Type!);
        return o => labels.Matches(o.Labels) && fields.Matches(o.Fields);
    }

    private async Task ListAsync(ApiRequest request)
    {
        var info = request.Info;
        var rt = info.Type!;
        var filter = Filter(request);
        var limit = int.TryParse(request.Query("limit"), out var l) && l > 0 ? l : 0;
        string? after = null;
        if (request.Query("continue") is { Length: > 0 } token) after = DecodeContinue(token);
        var ns = info.Namespace.Length > 0 && rt.Namespaced ? info.Namespace : null;
        var (items, rv) = context.Store.List(rt, ns, after, filter, limit);
        string? next = null;
        long? remaining = null;
        if (limit > 0 && items.Count > limit)
        {
            items.RemoveAt(items.Count - 1);
            next = EncodeContinue(rv, items[^1].Key);
            // As the real server: remainingItemCount only for lists without selectors (with one it would cost a scan of
            // everything after the page, on every page).
            if (string.IsNullOrEmpty(request.Query("labelSelector")) && string.IsNullOrEmpty(request.Query("fieldSelector")))
                remaining = context.Store.List(rt, ns, items[^1].Key).Items.Count;
        }
        var rvText = rv.ToString(CultureInfo.InvariantCulture);
        if (TableWriter.Wants(request))
        {
            await request.WriteBytesAsync(200, TableWriter.BuildBytes(context, request, rt, items.Select(i => ServedJson(rt, i)), rvText, next)).ConfigureAwait(false);
            return;
        }
        // Streamed rather than buffered: a list of 30,000 pods is ~75 MB of JSON, which would otherwise be held twice.
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(response.Body);
        w.WriteStartObject();
        w.WriteString("kind", rt.ListKind);
        w.WriteString("apiVersion", rt.ApiVersion);
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", rvText);
        if (next is not null)
        {
            w.WriteString("continue", next);
            if (remaining is { } left) w.WriteNumber("remainingItemCount", left);
        }
        w.WriteEndObject();
        w.WriteStartArray("items");
        foreach (var item in items)
        {
            w.WriteRawValue(Served(rt, item), skipInputValidation: true);
            if (w.BytesPending > 64 * 1024) await w.FlushAsync(request.Aborted).ConfigureAwait(false);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(request.Aborted).ConfigureAwait(false);
    }

    private async Task WatchAsync(ApiRequest request)
    {
        var info = request.Info;
        var rt = info.Type!;
        if (request.QueryFlag("sendInitialEvents"))
            throw new ApiException(422, "Invalid", "sendInitialEvents is not supported by this server", new JsonObject());
        var filter = Filter(request);
        if (info.HasNameInPath)
        {
            var name = info.Name;
            var inner = filter;
            filter = o => o.Name == name && inner(o);
        }
        var ns = info.Namespace.Length > 0 && rt.Namespaced ? info.Namespace : null;
        long? from = null;
        if (request.Query("resourceVersion") is { Length: > 0 } rvText)
        {
            if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                throw ApiException.BadRequest($"Invalid value: \"{rvText}\": must be a valid resourceVersion");
            from = parsed;
        }
        var bookmarks = request.QueryFlag("allowWatchBookmarks");
        var timeout = int.TryParse(request.Query("timeoutSeconds"), out var t) && t > 0 ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(30);
        var dropAfter = request.Http.Items.TryGetValue(DropAfterKey, out var d) ? (int?)d : null;
        var asTable = TableWriter.Wants(request);

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        WatchSubscription subscription;
        try
        {
            subscription = context.Store.Watch(rt, ns, from, filter);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            await WriteLineAsync(response, new JsonObject { ["type"] = "ERROR", ["object"] = e.ToStatus() }, request.Aborted).ConfigureAwait(false);
            return;
        }
        using (subscription)
        {
            await response.StartAsync(request.Aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(request.Aborted).ConfigureAwait(false);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
            timeoutCts.CancelAfter(timeout);
            var ct = timeoutCts.Token;
            var sent = 0;
            var first = true;
            var lastRv = subscription.StartResourceVersion;
            try
            {
                while (true)
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    tick.CancelAfter(TimeSpan.FromSeconds(1));
                    bool more;
                    try
                    {
                        more = await subscription.Events.WaitToReadAsync(tick.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        if (bookmarks && !subscription.Events.TryPeek(out _))
                        {
                            var bookmarkRv = Math.Max(lastRv, context.Store.CurrentResourceVersion);
                            lastRv = bookmarkRv;
                            await WriteLineAsync(response, Bookmark(rt, bookmarkRv), ct).ConfigureAwait(false);
                        }
                        continue;
                    }
                    if (!more) break;
                    while (subscription.Events.TryRead(out var e))
                    {
                        lastRv = Math.Max(lastRv, e.Object.ResourceVersion);
                        if (asTable)
                        {
                            var table = TableWriter.Build(context, request, rt, [ServedJson(rt, e.Object)], e.Object.ResourceVersion.ToString(CultureInfo.InvariantCulture), null, first);
                            first = false;
                            await WriteLineAsync(response, new JsonObject { ["type"] = e.WireType, ["object"] = table }, ct).ConfigureAwait(false);
                        }
                        else await WriteRawEventAsync(response, e.WireType, Served(rt, e.Object), ct).ConfigureAwait(false);
                        if (dropAfter is { } n && ++sent >= n) return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // timeoutSeconds elapsed or the client went away: a watch ends cleanly either way. Like the API
                // server, a watch that times out ends with a bookmark, so the client resumes from the newest version
                // even when events kept the idle bookmarks away.
                if (bookmarks && !request.Aborted.IsCancellationRequested)
                {
                    try { await WriteLineAsync(response, Bookmark(rt, Math.Max(lastRv, context.Store.CurrentResourceVersion)), request.Aborted).ConfigureAwait(false); }
                    catch (OperationCanceledException) { }
                }
            }
        }
    }

    private static JsonObject Bookmark(ResourceType rt, long rv) => new()
    {
        ["type"] = "BOOKMARK",
        ["object"] = new JsonObject
        {
            ["kind"] = rt.Kind,
            ["apiVersion"] = rt.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
        },
    };

    /// <summary>
    /// A custom resource is stored once for all its versions; read through another served version it carries that
    /// version's apiVersion (CRD conversion strategy None). Built-in kinds are served in one version each.
    /// </summary>
    private static byte[] Served(ResourceType rt, StoredObject o) =>
        !rt.IsCustom || o.Type.ApiVersion == rt.ApiVersion ? o.Bytes : Json.Bytes(ServedJson(rt, o));

    private static JsonObject ServedJson(ResourceType rt, StoredObject o)
    {
        var obj = o.ToJson();
        if (rt.IsCustom) obj["apiVersion"] = rt.ApiVersion;
        return obj;
    }

    private static async Task WriteRawEventAsync(Microsoft.AspNetCore.Http.HttpResponse response, string wireType, byte[] bytes, CancellationToken ct)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{wireType}\",\"object\":");
        var line = new byte[prefix.Length + bytes.Length + 2];
        prefix.CopyTo(line, 0);
        bytes.CopyTo(line, prefix.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        await response.Body.WriteAsync(line, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    private static async Task WriteLineAsync(Microsoft.AspNetCore.Http.HttpResponse response, JsonObject line, CancellationToken ct)
    {
        await response.Body.WriteAsync(Json.Bytes(line), ct).ConfigureAwait(false);
        await response.Body.WriteAsync(Newline, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    public static WriteOptions Options(ApiRequest request, string? subresource = null) => new()
    {
        DryRun = request.DryRun,
        FieldManager = request.Query("fieldManager") is { Length: > 0 } fm ? fm : DefaultManager(request),
        Force = request.QueryFlag("force"),
        Subresource = subresource,
    };

    private static string? DefaultManager(ApiRequest request)
    {
        // Like the real server: without ?fieldManager the manager is the user agent up to the first '/'.
        var ua = request.Http.Request.Headers.UserAgent.ToString();
        if (ua.Length == 0) return null;
        var slash = ua.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? ua[..slash] : ua;
    }

    private async Task CreateAsync(ApiRequest request)
    {
        var info = request.Info;
        var obj = await request.ReadObjectAsync().ConfigureAwait(false);
        CheckKind(info.Type!, obj);
        foreach (var validator in context.BodyValidators) validator.Validate(request, info.Type!, obj, isPatch: false);
        var created = context.Api.Create(info.Type!, NamespaceOf(info), obj, request.User, Options(request));
        await request.WriteAsync(201, created).ConfigureAwait(false);
    }

    private async Task UpdateAsync(ApiRequest request)
    {
        var info = request.Info;
        var obj = await request.ReadObjectAsync().ConfigureAwait(false);
        CheckKind(info.Type!, obj);
        foreach (var validator in context.BodyValidators) validator.Validate(request, info.Type!, obj, isPatch: false);
        var sub = info.Subresource.Length > 0 ? info.Subresource : null;
        var updated = context.Api.Update(info.Type!, NamespaceOf(info), info.Name, obj, request.User, Options(request, sub));
        await request.WriteAsync(200, updated).ConfigureAwait(false);
    }

    private async Task PatchAsync(ApiRequest request)
    {
        var info = request.Info;
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        var sub = info.Subresource.Length > 0 ? info.Subresource : null;
        if (context.BodyValidators.Count > 0 && sub is null && PatchDocument(request.MediaType, body) is { } patchDocument)
            foreach (var validator in context.BodyValidators) validator.Validate(request, info.Type!, patchDocument, isPatch: true);
        var existed = context.Store.Get(info.Type!, NamespaceOf(info), info.Name) is not null;
        var patched = context.Api.Patch(info.Type!, NamespaceOf(info), info.Name, request.Http.Request.ContentType ?? "", body, request.User, Options(request, sub));
        await request.WriteAsync(existed ? 200 : 201, patched).ConfigureAwait(false);
    }

    /// <summary>The object-shaped patch documents (merge, strategic, apply) that field validation can read; null for JSON patches.</summary>
    private static JsonObject? PatchDocument(string mediaType, byte[] body)
    {
        try
        {
            return mediaType switch
            {
                "application/merge-patch+json" or "application/strategic-merge-patch+json" => JsonNode.Parse(body) as JsonObject,
                "application/apply-patch+yaml" => Yaml.ParseObject(body),
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or ApiException or FormatException or YamlDotNet.Core.YamlException)
        {
            return null; // malformed bodies are reported by the patch step itself, with its own message
        }
    }

    private async Task DeleteAsync(ApiRequest request)
    {
        var info = request.Info;
        var options = await ReadDeleteOptionsAsync(request).ConfigureAwait(false);
        var result = context.Api.Delete(info.Type!, NamespaceOf(info), info.Name, request.User, options);
        await request.WriteAsync(200, result).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(ApiRequest request)
    {
        var info = request.Info;
        var rt = info.Type!;
        var options = await ReadDeleteOptionsAsync(request).ConfigureAwait(false);
        var ns = info.Namespace.Length > 0 && rt.Namespaced ? info.Namespace : null;
        var (items, rv) = context.Store.List(rt, ns, null, Filter(request));
        var deleted = new JsonArray();
        foreach (var item in items)
        {
            try { deleted.Add(context.Api.Delete(rt, item.Namespace, item.Name, request.User, options)); }
            catch (ApiException e) when (e.Code == 404) { }
        }
        await request.WriteAsync(200, new JsonObject
        {
            ["kind"] = rt.ListKind,
            ["apiVersion"] = rt.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        }).ConfigureAwait(false);
    }

    /// <summary>DeleteOptions from the body (JSON or protobuf) merged with query parameters.</summary>
    public static async Task<DeleteOptions> ReadDeleteOptionsAsync(ApiRequest request)
    {
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        JsonObject? o = null;
        if (body.Length > 0)
        {
            var deleteOptionsType = new ResourceType("meta.k8s.io", "v1", "DeleteOptions", "deleteoptions", false, [], [], []);
            o = request.DecodeObject(body, deleteOptionsType);
        }
        long? grace = o?.Int("gracePeriodSeconds");
        if (request.Query("gracePeriodSeconds") is { } g && long.TryParse(g, CultureInfo.InvariantCulture, out var gq)) grace = gq;
        var policy = o?.Str("propagationPolicy") ?? request.Query("propagationPolicy");
        var orphan = o?.Bool("orphanDependents") ?? (request.Query("orphanDependents") is { } od ? od == "true" : null);
        if (policy is null && orphan is { } orph) policy = orph ? "Orphan" : "Background";
        if (policy is not null && policy is not ("Background" or "Foreground" or "Orphan"))
            throw ApiException.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        var dryRun = request.DryRun || (o?["dryRun"] is JsonArray dr && dr.Any(x => x?.GetValue<string>() == "All"));
        return new DeleteOptions
        {
            GracePeriodSeconds = grace,
            PropagationPolicy = policy,
            PreconditionUid = o?.Str("preconditions.uid"),
            PreconditionResourceVersion = o?.Str("preconditions.resourceVersion"),
            DryRun = dryRun,
        };
    }

    private static void CheckKind(ResourceType rt, JsonObject obj)
    {
        var kind = obj.Str("kind");
        var apiVersion = obj.Str("apiVersion");
        if (kind is { Length: > 0 } && kind != rt.Kind)
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({rt.ApiVersion})".Replace("API version", kind == rt.Kind ? "API version" : "kind", StringComparison.Ordinal));
        if (apiVersion is { Length: > 0 } && apiVersion != rt.ApiVersion)
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({rt.ApiVersion})");
    }

    private static string EncodeContinue(long rv, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = key }.ToJsonString()));

    private static string DecodeContinue(string token)
    {
        try
        {
            var o = Json.Parse(Convert.FromBase64String(token));
            return o.Str("start") ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException or ApiException)
        {
            throw ApiException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }
}
