using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Client;

/// <summary>A page of a list: the items, the list's resourceVersion and the continue token of the next page.</summary>
public sealed record KubeList(IReadOnlyList<KubeObject> Items, string ResourceVersion, string? Continue, long? RemainingItemCount);

/// <summary>
/// The Kubernetes REST client: every operation the dashboard performs on a cluster, made with one identity's credential.
/// Thread-safe; create one per (cluster, identity) and reuse it.
/// </summary>
public sealed partial class KubeApiClient : IDisposable
{
    private readonly KubeHttp _http;

    /// <summary>Creates a client; <paramref name="handler"/> replaces the transport (tests).</summary>
    public KubeApiClient(KubeClientSettings settings, ResourceKinds? kinds = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _http = new KubeHttp(settings, handler);
        Kinds = kinds ?? new ResourceKinds();
    }

    /// <summary>The connection settings.</summary>
    public KubeClientSettings Settings => _http.Settings;

    /// <summary>The kind registry this client resolves against (shared with discovery).</summary>
    public ResourceKinds Kinds { get; }

    // ---- generic resource operations -------------------------------------------------------------------------

    /// <summary>Lists one page.</summary>
    public async Task<KubeList> ListAsync(ResourceKind kind, string? ns = null, ListOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ListOptions();
        var query = Query(("labelSelector", options.LabelSelector), ("fieldSelector", options.FieldSelector),
            ("limit", options.Limit > 0 ? options.Limit.ToString(CultureInfo.InvariantCulture) : null),
            ("continue", options.Continue), ("resourceVersion", options.ResourceVersion));
        var list = await SendJsonAsync(HttpMethod.Get, kind.CollectionPath(ns) + query, null, null, ct).ConfigureAwait(false);
        var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i =>
        {
            // List items omit apiVersion/kind on real servers; fill them in so that objects are self-describing.
            i["apiVersion"] ??= kind.ApiVersion;
            i["kind"] ??= kind.Kind;
            return new KubeObject(i);
        }).ToList();
        var meta = list["metadata"] as JsonObject;
        return new KubeList(items, (string?)meta?["resourceVersion"] ?? "", (string?)meta?["continue"] is { Length: > 0 } c ? c : null,
            meta?["remainingItemCount"] is JsonValue r && r.TryGetValue<long>(out var n) ? n : null);
    }

    /// <summary>Lists every page (following continue tokens), returning all items and the first page's resourceVersion.</summary>
    public async Task<KubeList> ListAllAsync(ResourceKind kind, string? ns = null, ListOptions? options = null, int pageSize = 500, CancellationToken ct = default)
    {
        options ??= new ListOptions();
        var all = new List<KubeObject>();
        string? rv = null;
        string? next = null;
        do
        {
            var page = await ListAsync(kind, ns, options with { Limit = pageSize, Continue = next }, ct).ConfigureAwait(false);
            all.AddRange(page.Items);
            rv ??= page.ResourceVersion;
            next = page.Continue;
        } while (next is not null);
        return new KubeList(all, rv ?? "", null, null);
    }

    /// <summary>Gets one object.</summary>
    public async Task<KubeObject> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken ct = default) =>
        new(await SendJsonAsync(HttpMethod.Get, kind.ItemPath(ns, name), null, null, ct).ConfigureAwait(false));

    /// <summary>Gets one object as its typed model.</summary>
    public async Task<T> GetAsync<T>(string? ns, string name, CancellationToken ct = default) where T : KubeObject, IKubeKind<T> =>
        T.Wrap((await GetAsync(T.Resource, ns, name, ct).ConfigureAwait(false)).Json);

    /// <summary>Creates an object (POST).</summary>
    public async Task<KubeObject> CreateAsync(ResourceKind kind, string? ns, JsonObject obj, WriteOptions? options = null, CancellationToken ct = default) =>
        new(await SendJsonAsync(HttpMethod.Post, kind.CollectionPath(ns) + WriteQuery(options), obj, "application/json", ct).ConfigureAwait(false));

    /// <summary>Replaces an object (PUT), with its resourceVersion as the optimistic-concurrency precondition.</summary>
    public async Task<KubeObject> ReplaceAsync(ResourceKind kind, KubeObject obj, WriteOptions? options = null, string? subresource = null, CancellationToken ct = default) =>
        new(await SendJsonAsync(HttpMethod.Put, kind.ItemPath(obj.Namespace, obj.Name, subresource) + WriteQuery(options), obj.Json, "application/json", ct).ConfigureAwait(false));

    /// <summary>Patches an object with a patch document of the given type.</summary>
    public async Task<KubeObject> PatchAsync(ResourceKind kind, string? ns, string name, PatchType type, JsonNode patch, WriteOptions? options = null,
        string? subresource = null, bool force = false, CancellationToken ct = default)
    {
        if (type == PatchType.StrategicMerge && kind.IsCustom)
            throw new ArgumentException($"strategic merge patch is not supported for custom resources ({kind}); use a merge or JSON patch", nameof(type));
        if (type == PatchType.Apply && string.IsNullOrEmpty(options?.FieldManager))
            throw new ArgumentException("server-side apply needs a field manager", nameof(options));
        var query = WriteQuery(options, type == PatchType.Apply && force ? ("force", "true") : default);
        var contentType = type switch
        {
            PatchType.Json => "application/json-patch+json",
            PatchType.Merge => "application/merge-patch+json",
            PatchType.StrategicMerge => "application/strategic-merge-patch+json",
            _ => "application/apply-patch+yaml",
        };
        return new(await SendJsonAsync(HttpMethod.Patch, kind.ItemPath(ns, name, subresource) + query, patch, contentType, ct).ConfigureAwait(false));
    }

    /// <summary>Server-side apply of a whole object under <paramref name="fieldManager"/>; creates it when absent.</summary>
    public Task<KubeObject> ApplyAsync(ResourceKind kind, JsonObject obj, string fieldManager, bool force = false, bool dryRun = false, CancellationToken ct = default)
    {
        var name = (string?)obj["metadata"]?["name"] ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
        var ns = kind.Namespaced ? (string?)obj["metadata"]?["namespace"] ?? Settings.Namespace : null;
        return PatchAsync(kind, ns, name, PatchType.Apply, obj, new WriteOptions { FieldManager = fieldManager, DryRun = dryRun }, force: force, ct: ct);
    }

    /// <summary>Deletes an object; returns what the server answered (the object while deletion is pending, or a Status).</summary>
    public Task<JsonObject> DeleteAsync(ResourceKind kind, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default) =>
        SendJsonAsync(HttpMethod.Delete, kind.ItemPath(ns, name), DeleteBody(options), "application/json", ct);

    /// <summary>Deletes every object matching the selectors in a namespace (deletecollection).</summary>
    public Task<JsonObject> DeleteCollectionAsync(ResourceKind kind, string? ns, ListOptions? selection = null, DeleteOptions? options = null, CancellationToken ct = default) =>
        SendJsonAsync(HttpMethod.Delete, kind.CollectionPath(ns) + Query(("labelSelector", selection?.LabelSelector), ("fieldSelector", selection?.FieldSelector)),
            DeleteBody(options), "application/json", ct);

    // ---- subresources ----------------------------------------------------------------------------------------

    /// <summary>Reads the autoscaling/v1 Scale of a scalable resource.</summary>
    public Task<JsonObject> GetScaleAsync(ResourceKind kind, string ns, string name, CancellationToken ct = default) =>
        SendJsonAsync(HttpMethod.Get, kind.ItemPath(ns, name, "scale"), null, null, ct);

    /// <summary>Sets replicas through the scale subresource (merge patch, as kubectl scale does).</summary>
    public Task<JsonObject> ScaleAsync(ResourceKind kind, string ns, string name, int replicas, WriteOptions? options = null, CancellationToken ct = default) =>
        SendJsonAsync(HttpMethod.Patch, kind.ItemPath(ns, name, "scale") + WriteQuery(options),
            new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }, "application/merge-patch+json", ct);

    /// <summary>Replaces the status of an object.</summary>
    public Task<KubeObject> ReplaceStatusAsync(ResourceKind kind, KubeObject obj, CancellationToken ct = default) =>
        ReplaceAsync(kind, obj, null, "status", ct);

    /// <summary>Evicts a pod (policy/v1 Eviction); a PodDisruptionBudget that forbids it answers 429.</summary>
    public Task<JsonObject> EvictAsync(string ns, string pod, DeleteOptions? options = null, CancellationToken ct = default)
    {
        var eviction = new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "Eviction",
            ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns },
        };
        if (DeleteBody(options) is { } d) eviction["deleteOptions"] = d;
        return SendJsonAsync(HttpMethod.Post, Pod.Resource.ItemPath(ns, pod, "eviction"), eviction, "application/json", ct);
    }

    // ---- authentication and authorization --------------------------------------------------------------------

    /// <summary>Requests a ServiceAccount token (TokenRequest).</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> CreateTokenAsync(string ns, string serviceAccount, TimeSpan? lifetime = null,
        IReadOnlyList<string>? audiences = null, CancellationToken ct = default)
    {
        var spec = new JsonObject();
        if (lifetime is { } l) spec["expirationSeconds"] = (long)l.TotalSeconds;
        if (audiences is not null) spec["audiences"] = new JsonArray(audiences.Select(a => (JsonNode)a).ToArray());
        var result = await SendJsonAsync(HttpMethod.Post, ServiceAccount.Resource.ItemPath(ns, serviceAccount, "token"),
            new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenRequest", ["spec"] = spec }, "application/json", ct).ConfigureAwait(false);
        var token = (string?)result["status"]?["token"] ?? throw new KubeApiException(System.Net.HttpStatusCode.InternalServerError, "InternalError", "the TokenRequest answer has no token");
        var expires = KubeObject.Time((string?)result["status"]?["expirationTimestamp"]) ?? DateTimeOffset.UtcNow;
        return (token, expires);
    }

    /// <summary>Who the credential is (SelfSubjectReview): user name, uid, groups, extra.</summary>
    public async Task<UserIdentity> WhoAmIAsync(CancellationToken ct = default)
    {
        var result = await SendJsonAsync(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews",
            new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" }, "application/json", ct).ConfigureAwait(false);
        var info = result["status"]?["userInfo"] as JsonObject ?? [];
        return new UserIdentity((string?)info["username"] ?? "", (string?)info["uid"],
            (info["groups"] as JsonArray ?? []).Select(g => g?.ToString() ?? "").ToList());
    }

    /// <summary>May the credential do <paramref name="attributes"/>? (SelfSubjectAccessReview)</summary>
    public async Task<AccessDecision> CanIAsync(ResourceAttributes attributes, CancellationToken ct = default)
    {
        var ra = new JsonObject { ["verb"] = attributes.Verb, ["group"] = attributes.Group, ["resource"] = attributes.Resource };
        if (attributes.Namespace is { Length: > 0 } ns) ra["namespace"] = ns;
        if (attributes.Subresource is { Length: > 0 } sub) ra["subresource"] = sub;
        if (attributes.Name is { Length: > 0 } name) ra["name"] = name;
        var result = await SendJsonAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = ra },
        }, "application/json", ct).ConfigureAwait(false);
        var status = result["status"] as JsonObject ?? [];
        return new AccessDecision(status["allowed"] is JsonValue a && a.GetValue<bool>(), status["denied"] is JsonValue d && d.GetValue<bool>(),
            (string?)status["reason"] ?? "", (string?)status["evaluationError"]);
    }

    /// <summary>What the credential may do in a namespace (SelfSubjectRulesReview); returns the review's status.</summary>
    public async Task<JsonObject> RulesReviewAsync(string ns, CancellationToken ct = default)
    {
        var result = await SendJsonAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectRulesReview",
            ["spec"] = new JsonObject { ["namespace"] = ns },
        }, "application/json", ct).ConfigureAwait(false);
        return result["status"] as JsonObject ?? [];
    }

    /// <summary>The server's /version.</summary>
    public Task<JsonObject> VersionAsync(CancellationToken ct = default) => SendJsonAsync(HttpMethod.Get, "/version", null, null, ct);

    // ---- plumbing --------------------------------------------------------------------------------------------

    /// <summary>Sends a JSON request to a path (with query) and parses the JSON answer.</summary>
    public async Task<JsonObject> SendJsonAsync(HttpMethod method, string pathAndQuery, JsonNode? body, string? contentType, CancellationToken ct = default)
    {
        var bytes = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, Serialization.KubeJsonContext.Default.JsonNode);
        using var response = await _http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, pathAndQuery);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (bytes is not null)
            {
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
            }
            return request;
        }, HttpCompletionOption.ResponseContentRead, streaming: false, ct).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        try
        {
            return await JsonNode.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            throw new KubeApiException(response.StatusCode, "InvalidResponse", $"the server's answer to {method} {pathAndQuery} is not JSON: {e.Message}");
        }
    }

    internal static string Query(params (string Key, string? Value)[] parameters)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in parameters)
        {
            if (string.IsNullOrEmpty(v)) continue;
            sb.Append(sb.Length == 0 ? '?' : '&').Append(k).Append('=').Append(Uri.EscapeDataString(v));
        }
        return sb.ToString();
    }

    private static string WriteQuery(WriteOptions? options, (string Key, string? Value) extra = default) =>
        Query(("fieldManager", options?.FieldManager), ("dryRun", options?.DryRun == true ? "All" : null),
            ("fieldValidation", options?.FieldValidation), extra.Key is null ? default : extra);

    private static JsonObject? DeleteBody(DeleteOptions? options)
    {
        if (options is null) return null;
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions" };
        if (options.PropagationPolicy is { } p) body["propagationPolicy"] = p;
        if (options.GracePeriodSeconds is { } g) body["gracePeriodSeconds"] = g;
        if (options.DryRun) body["dryRun"] = new JsonArray("All");
        if (options.PreconditionUid is not null || options.PreconditionResourceVersion is not null)
            body["preconditions"] = new JsonObject { ["uid"] = options.PreconditionUid, ["resourceVersion"] = options.PreconditionResourceVersion };
        return body;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>The identity behind a credential, as SelfSubjectReview reports it.</summary>
public sealed record UserIdentity(string Username, string? Uid, IReadOnlyList<string> Groups);

/// <summary>What to ask a SelfSubjectAccessReview about.</summary>
public sealed record ResourceAttributes(string Verb, string Group, string Resource, string? Namespace = null, string? Name = null, string? Subresource = null);

/// <summary>The answer of an access review; <see cref="Reason"/> says why where the server explains.</summary>
public sealed record AccessDecision(bool Allowed, bool Denied, string Reason, string? EvaluationError);
