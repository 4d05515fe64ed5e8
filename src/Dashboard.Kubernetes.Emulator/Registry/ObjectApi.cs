using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Registry;

/// <summary>
/// The API semantics above the store: metadata stamping, generateName, optimistic concurrency, status/spec separation,
/// generation, admission, patches, server-side apply, finalizers and graceful deletion. HTTP handlers and the simulated
/// controllers both write through here, so every write behaves the same whoever makes it.
/// </summary>
public sealed class ObjectApi
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly ObjectStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly EmulatorClock _clock;
    private readonly List<IAdmissionPlugin> _admission = [];
    private readonly Dictionary<string, IPatchApplier> _patchers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the API over a store.</summary>
    public ObjectApi(ObjectStore store, ResourceCatalog catalog, EmulatorClock clock)
    {
        _store = store;
        _catalog = catalog;
        _clock = clock;
    }

    /// <summary>The store underneath.</summary>
    public ObjectStore Store => _store;
    /// <summary>The served resources.</summary>
    public ResourceCatalog Catalog => _catalog;
    /// <summary>Emulated time.</summary>
    public EmulatorClock Clock => _clock;
    /// <summary>Server-side apply and managedFields; null until one is registered.</summary>
    public IFieldManager? FieldManager { get; set; }

    /// <summary>Adds a step to the write pipeline.</summary>
    public void AddAdmission(IAdmissionPlugin plugin)
    {
        _admission.Add(plugin);
        _admission.Sort((a, b) => a.Order.CompareTo(b.Order));
    }

    /// <summary>Registers a PATCH content type.</summary>
    public void AddPatcher(IPatchApplier patcher) => _patchers[patcher.ContentType] = patcher;

    /// <summary>The registered applier of a PATCH media type (for subresources such as scale that patch a derived object), or null.</summary>
    public IPatchApplier? PatcherFor(string mediaType) => _patchers.GetValueOrDefault(mediaType);

    /// <summary>Finds a resource type by API version and kind, or throws 404-ish BadRequest.</summary>
    public ResourceType TypeOf(string apiVersion, string kind) =>
        _catalog.FindByKind(apiVersion, kind) ?? throw ApiException.BadRequest($"no matches for kind \"{kind}\" in version \"{apiVersion}\"");

    /// <summary>Gets an object or throws 404.</summary>
    public JsonObject Get(ResourceType rt, string ns, string name) =>
        (_store.Get(rt, NsOf(rt, ns), name) ?? throw ApiException.NotFound(rt, name)).ToJson();

    /// <summary>Gets an object or null.</summary>
    public JsonObject? TryGet(ResourceType rt, string ns, string name) => _store.Get(rt, NsOf(rt, ns), name)?.ToJson();

    /// <summary>Lists objects (parsed) matching optional selectors; convenient for controllers.</summary>
    public List<JsonObject> List(ResourceType rt, string? ns = null, LabelSelector? labels = null, Func<StoredObject, bool>? filter = null) =>
        _store.List(rt, ns, filter: o => (labels is null || labels.Matches(o.Labels)) && (filter is null || filter(o)))
            .Items.Select(o => o.ToJson()).ToList();

    /// <summary>Creates an object (POST).</summary>
    public JsonObject Create(ResourceType rt, string ns, JsonObject obj, UserInfo user, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;
        PrepareIdentity(rt, ns, obj);
        var meta = obj.Meta();
        if (string.IsNullOrEmpty(obj.Name()))
        {
            var generate = meta.Str("generateName");
            if (string.IsNullOrEmpty(generate))
                throw ApiException.InvalidField(rt, "", "metadata.name", "name or generateName is required", "FieldValueRequired");
            meta["name"] = generate + RandomSuffix();
        }
        if (rt.Namespaced) RequireNamespace(NsOf(rt, ns));
        var now = _clock.GetUtcNow();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Json.Time(now);
        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        // Only kinds with a spec track generation (ConfigMaps, Secrets, RBAC objects... have none on a real server).
        if (obj["spec"] is not null) meta["generation"] = 1;
        else meta.Remove("generation");
        if (options.FieldManager is { } fm && FieldManager is not null) FieldManager.RecordUpdate(rt, null, obj, fm, null);
        Admit(new AdmissionRequest(AdmissionOperation.Create, rt, obj, null, user, options.DryRun));
        if (_store.Get(rt, obj.Namespace(), obj.Name()) is not null) throw ApiException.AlreadyExists(rt, obj.Name());
        if (options.DryRun) return obj;
        return _store.Create(rt, obj).ToJson();
    }

    /// <summary>Replaces an object (PUT), or its status/scale subresource when <see cref="WriteOptions.Subresource"/> says so.</summary>
    public JsonObject Update(ResourceType rt, string ns, string name, JsonObject obj, UserInfo user, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;
        PrepareIdentity(rt, ns, obj);
        if (obj.Name().Length == 0) obj.Meta()["name"] = name;
        if (obj.Name() != name)
            throw ApiException.BadRequest($"the name of the object ({obj.Name()}) does not match the name on the URL ({name})");
        var currentStored = _store.Get(rt, obj.Namespace(), name) ?? throw ApiException.NotFound(rt, name);
        var current = currentStored.ToJson();
        long? expected = null;
        if (obj.Str("metadata.resourceVersion") is { Length: > 0 } rvText)
        {
            if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
                throw ApiException.InvalidField(rt, name, "metadata.resourceVersion", $"Invalid value: \"{rvText}\": must be a valid resourceVersion");
            if (rv != currentStored.ResourceVersion) throw ApiException.StaleResourceVersion(rt, name);
            expected = rv;
        }
        var updated = Merge(rt, current, obj, options.Subresource);
        if (options.FieldManager is { } fm && FieldManager is not null) FieldManager.RecordUpdate(rt, current, updated, fm, options.Subresource);
        return Commit(rt, current, updated, expected ?? currentStored.ResourceVersion, user, options);
    }

    /// <summary>Applies a PATCH of the given content type; server-side apply creates when the object is absent.</summary>
    public JsonObject Patch(ResourceType rt, string ns, string name, string contentType, ReadOnlyMemory<byte> body, UserInfo user, WriteOptions? options = null)
    {
        // Like the API server's GuaranteedUpdate: a patch that does not pin a resourceVersion is re-applied to the
        // fresh object when another writer (a controller) got in between, instead of failing with 409. The API server
        // retries such a patch until it lands; the bound here only stops a livelock, and ten was reached under load
        // (a new Deployment's controllers writing it while a test patched it).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return PatchOnce(rt, ns, name, contentType, body, user, options);
            }
            catch (ConcurrentWriteException) when (attempt < UnpinnedPatchAttempts)
            {
            }
            catch (ConcurrentWriteException)
            {
                throw ApiException.StaleResourceVersion(rt, name);
            }
        }
    }

    private const int UnpinnedPatchAttempts = 1000;

    /// <summary>A write lost a race with another writer although the request did not ask for a resourceVersion.</summary>
    private sealed class ConcurrentWriteException : Exception;

    private JsonObject CommitUnpinned(ResourceType rt, JsonObject current, JsonObject updated, long expected, UserInfo user, WriteOptions options, bool pinned)
    {
        try
        {
            return Commit(rt, current, updated, expected, user, options);
        }
        catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && !pinned && _store.Get(rt, updated.Namespace(), updated.Name())?.ResourceVersion != expected)
        {
            throw new ConcurrentWriteException();
        }
    }

    private JsonObject PatchOnce(ResourceType rt, string ns, string name, string contentType, ReadOnlyMemory<byte> body, UserInfo user, WriteOptions? options)
    {
        options ??= WriteOptions.Default;
        var mediaType = contentType.Split(';')[0].Trim();
        var currentStored = _store.Get(rt, NsOf(rt, ns), name);
        if (mediaType.Equals("application/apply-patch+yaml", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/apply-patch+cbor", StringComparison.OrdinalIgnoreCase))
            return ServerSideApply(rt, ns, name, currentStored, body, user, options);
        if (!_patchers.TryGetValue(mediaType, out var patcher)) throw ApiException.UnsupportedMediaType(mediaType);
        if (currentStored is null) throw ApiException.NotFound(rt, name);
        var current = currentStored.ToJson();
        JsonObject patched;
        try
        {
            patched = patcher.Apply(rt, current.Clone(), body);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiException.BadRequest($"error decoding patch: {e.Message}");
        }
        if (patched.Name() != name && patched.Name().Length > 0)
            throw ApiException.BadRequest($"the name of the object ({patched.Name()}) does not match the name on the URL ({name})");
        long expected = currentStored.ResourceVersion;
        if (patched.Str("metadata.resourceVersion") is { Length: > 0 } rvText && rvText != currentStored.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            throw ApiException.StaleResourceVersion(rt, name);
        PrepareIdentity(rt, ns, patched);
        var updated = Merge(rt, current, patched, options.Subresource);
        if (options.FieldManager is { } fm && FieldManager is not null) FieldManager.RecordUpdate(rt, current, updated, fm, options.Subresource);
        // The patched object always carries the current resourceVersion; only a patch that names one pins it.
        var pinned = body.Span.IndexOf("resourceVersion"u8) >= 0;
        return CommitUnpinned(rt, current, updated, expected, user, options, pinned);
    }

    private JsonObject ServerSideApply(ResourceType rt, string ns, string name, StoredObject? currentStored, ReadOnlyMemory<byte> body, UserInfo user, WriteOptions options)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
            throw ApiException.InvalidField(rt, name, "metadata.managedFields", "is required for apply patch", "FieldValueRequired");
        if (FieldManager is null) throw ApiException.UnsupportedMediaType("application/apply-patch+yaml");
        var applied = Yaml.ParseObject(body.Span);
        PrepareIdentity(rt, ns, applied);
        if (applied.Name().Length == 0) applied.Meta()["name"] = name;
        if (applied.Name() != name)
            throw ApiException.BadRequest($"the name of the object ({applied.Name()}) does not match the name on the URL ({name})");
        if (currentStored is null)
        {
            var created = FieldManager.Apply(rt, null, applied, options.FieldManager, options.Force);
            return Create(rt, ns, created, user, options with { FieldManager = null });
        }
        var current = currentStored.ToJson();
        var merged = FieldManager.Apply(rt, current.Clone(), applied, options.FieldManager, options.Force);
        var updated = Merge(rt, current, merged, options.Subresource);
        var pinned = applied.Str("metadata.resourceVersion") is { Length: > 0 };
        return CommitUnpinned(rt, current, updated, currentStored.ResourceVersion, user, options, pinned);
    }

    /// <summary>
    /// Deletes an object honouring preconditions, finalizers, propagation and pod grace periods. Returns the object's
    /// state: still present (with deletionTimestamp) when deletion is pending, or its last state when it is gone.
    /// </summary>
    public JsonObject Delete(ResourceType rt, string ns, string name, UserInfo user, DeleteOptions? options = null)
    {
        options ??= DeleteOptions.Default;
        ns = NsOf(rt, ns);
        var stored = _store.Get(rt, ns, name) ?? throw ApiException.NotFound(rt, name);
        var obj = stored.ToJson();
        if (options.PreconditionUid is { Length: > 0 } uid && uid != stored.Uid)
            throw ApiException.Conflict(rt, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {stored.Uid}");
        if (options.PreconditionResourceVersion is { Length: > 0 } prv && prv != stored.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            throw ApiException.Conflict(rt, name, $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in meta: {stored.ResourceVersion}");
        if (options.DryRun) return obj;

        var meta = obj.Meta();
        var finalizers = meta["finalizers"] as JsonArray ?? [];
        var policy = options.PropagationPolicy ?? DefaultPropagation(rt);
        if (policy == "Foreground" && HasDependents(stored.Uid)) AddFinalizer(finalizers, "foregroundDeletion");
        if (policy == "Orphan") AddFinalizer(finalizers, "orphan");
        if (finalizers.Count > 0) meta["finalizers"] = finalizers;

        var alreadyDeleting = meta["deletionTimestamp"] is not null;
        if (rt.Key == "namespaces")
        {
            if (!alreadyDeleting)
            {
                meta["deletionTimestamp"] = Json.Time(_clock.GetUtcNow());
                meta["deletionGracePeriodSeconds"] = 0;
                obj.Obj("status")["phase"] = "Terminating";
                obj.Obj("spec")["finalizers"] = new JsonArray("kubernetes");
                return _store.Update(rt, obj, stored.ResourceVersion).ToJson();
            }
            return obj;
        }

        var grace = PodGrace(rt, obj, options);
        if (finalizers.Count > 0 || grace > 0)
        {
            if (alreadyDeleting && grace <= 0 && finalizers.Count == 0) return RemoveNow(rt, stored);
            if (!alreadyDeleting || grace < (obj.Int("metadata.deletionGracePeriodSeconds") ?? long.MaxValue))
            {
                meta["deletionTimestamp"] ??= Json.Time(_clock.GetUtcNow().AddSeconds(Math.Max(grace, 0)));
                meta["deletionGracePeriodSeconds"] = Math.Max(grace, 0);
                return _store.Update(rt, obj, stored.ResourceVersion).ToJson();
            }
            return obj;
        }
        return RemoveNow(rt, stored);
    }

    /// <summary>
    /// Removes an object whose graceful deletion is complete (kubelet) or that has no finalizers left.
    /// Does nothing when it is already gone.
    /// </summary>
    public void FinishDeletion(ResourceType rt, string ns, string name)
    {
        var stored = _store.Get(rt, ns, name);
        if (stored is null) return;
        var finalizers = stored.ToJson().At("metadata.finalizers") as JsonArray;
        if (finalizers is { Count: > 0 }) return;
        try { RemoveNow(rt, stored); }
        catch (ApiException e) when (e.Code is 404 or 409) { }
    }

    /// <summary>
    /// Writes an object on behalf of a controller: update when it exists (with the given object's resourceVersion as
    /// precondition when present), create otherwise.
    /// </summary>
    public JsonObject Save(ResourceType rt, JsonObject obj, string? subresource = null)
    {
        var existing = _store.Get(rt, obj.Namespace(), obj.Name());
        return existing is null
            ? Create(rt, obj.Namespace(), obj, UserInfo.System)
            : Update(rt, obj.Namespace(), obj.Name(), obj, UserInfo.System, new WriteOptions { Subresource = subresource });
    }

    private JsonObject RemoveNow(ResourceType rt, StoredObject stored)
    {
        var last = _store.Delete(rt, stored.Namespace, stored.Name, stored.ResourceVersion);
        return last.ToJson();
    }

    private JsonObject Commit(ResourceType rt, JsonObject current, JsonObject updated, long expected, UserInfo user, WriteOptions options)
    {
        Admit(new AdmissionRequest(AdmissionOperation.Update, rt, updated, current, user, options.DryRun, options.Subresource));
        if (options.DryRun) return updated;
        var deleting = updated.At("metadata.deletionTimestamp") is not null;
        var finalizers = updated.At("metadata.finalizers") as JsonArray;
        if (deleting && (finalizers is null || finalizers.Count == 0) && !(rt.Key == "namespaces")
            && !(rt.Key == "pods" && (updated.Int("metadata.deletionGracePeriodSeconds") ?? 0) > 0))
        {
            // The last finalizer is gone: the object leaves storage now, as in a real API server.
            var storedNow = _store.Update(rt, updated, expected);
            return _store.Delete(rt, storedNow.Namespace, storedNow.Name, storedNow.ResourceVersion).ToJson();
        }
        if (JsonNode.DeepEquals(Strip(current), Strip(updated)))
            return current; // no-op writes do not bump resourceVersion, as with etcd-backed storage
        return _store.Update(rt, updated, expected).ToJson();
    }

    private static JsonObject Strip(JsonObject o)
    {
        var c = o.Clone();
        c.Meta().Remove("resourceVersion");
        // Ownership changes are real changes (server-side apply, managedFields migration); only their timestamps are not.
        if (c.Meta()["managedFields"] is JsonArray entries)
            foreach (var entry in entries.OfType<JsonObject>()) entry.Remove("time");
        return c;
    }

    /// <summary>Combines the incoming object with the stored one: identity fields kept, spec or status owned by the right endpoint.</summary>
    private static JsonObject Merge(ResourceType rt, JsonObject current, JsonObject incoming, string? subresource)
    {
        JsonObject result;
        if (subresource == "status")
        {
            result = current.Clone();
            if (incoming["status"] is JsonNode status) result["status"] = status.DeepClone();
            else result.Remove("status");
        }
        else
        {
            result = incoming.Clone();
            if (rt.HasStatus)
            {
                if (current["status"] is JsonNode s) result["status"] = s.DeepClone();
                else result.Remove("status");
            }
        }
        var meta = result.Meta();
        var oldMeta = current.Meta();
        foreach (var keep in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name" })
        {
            if (oldMeta[keep] is JsonNode v) meta[keep] = v.DeepClone();
            else meta.Remove(keep);
        }
        if (subresource is null && meta["managedFields"] is null && oldMeta["managedFields"] is JsonNode mf)
            meta["managedFields"] = mf.DeepClone();
        if (current.Int("metadata.generation") is { } generation)
        {
            if (subresource != "status" && SpecChanged(current, result)) generation++;
            meta["generation"] = generation;
        }
        else meta.Remove("generation");
        return result;
    }

    private static bool SpecChanged(JsonObject a, JsonObject b)
    {
        static JsonObject Body(JsonObject o)
        {
            var c = o.Clone();
            c.Remove("metadata");
            c.Remove("status");
            return c;
        }
        return !JsonNode.DeepEquals(Body(a), Body(b));
    }

    private void Admit(AdmissionRequest request)
    {
        foreach (var plugin in _admission) plugin.Admit(request);
    }

    private void PrepareIdentity(ResourceType rt, string ns, JsonObject obj)
    {
        obj["apiVersion"] = rt.ApiVersion;
        obj["kind"] = rt.Kind;
        var meta = obj.Meta();
        if (rt.Namespaced)
        {
            var bodyNs = obj.Namespace();
            if (bodyNs.Length > 0 && ns.Length > 0 && bodyNs != ns)
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            meta["namespace"] = ns.Length > 0 ? ns : bodyNs.Length > 0 ? bodyNs : "default";
        }
        else meta.Remove("namespace");
    }

    private void RequireNamespace(string ns)
    {
        var nsType = _catalog.Find("", "v1", "namespaces")!;
        var stored = _store.Get(nsType, "", ns) ?? throw ApiException.NamespaceNotFound(ns);
        if (stored.ToJson().At("metadata.deletionTimestamp") is not null)
            throw ApiException.Forbidden($"unable to create new content in namespace {ns} because it is being terminated");
    }

    private static string NsOf(ResourceType rt, string ns) => rt.Namespaced ? ns : "";

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        });

    private static void AddFinalizer(JsonArray finalizers, string name)
    {
        if (!finalizers.Any(f => f?.GetValue<string>() == name)) finalizers.Add(name);
    }

    private bool HasDependents(string uid)
    {
        foreach (var rt in _catalog.Types)
        {
            if (rt.IsVirtual) continue;
            var (items, _) = _store.List(rt, null, filter: o => o.Bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(uid)) >= 0, limit: 1);
            if (items.Any(o => o.ToJson().Items("metadata.ownerReferences").Any(r => r.Str("uid") == uid))) return true;
        }
        return false;
    }

    private static string DefaultPropagation(ResourceType rt) => "Background";

    private static long PodGrace(ResourceType rt, JsonObject obj, DeleteOptions options)
    {
        if (rt.Key != "pods") return 0;
        // Pods that never reached a node have nothing to stop: they go at once, as in a real cluster.
        if (string.IsNullOrEmpty(obj.Str("spec.nodeName"))) return 0;
        if (obj.Str("status.phase") is "Succeeded" or "Failed") return 0;
        return options.GracePeriodSeconds ?? obj.Int("spec.terminationGracePeriodSeconds") ?? 30;
    }
}
