using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Core.Telemetry;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;
using Dashboard.Kubernetes.Serialization;

namespace Dashboard.Core.Actions;

/// <summary>The outcome of one document of an apply.</summary>
/// <param name="Document">1-based number of the document among the non-empty ones.</param>
/// <param name="Target">The object the document names, when it names one the cluster serves.</param>
/// <param name="Succeeded">True when the server accepted it.</param>
/// <param name="Message">What happened, in a sentence.</param>
/// <param name="Object">The object as the server returned it.</param>
/// <param name="Error">The server's refusal (field causes included), when it refused.</param>
public sealed record ApplyOutcome(int Document, ObjectRef? Target, bool Succeeded, string Message, KubeObject? Object, KubeApiException? Error = null);

/// <summary>
/// Every change the dashboard makes goes through here: it finds the capability a kind offers, runs the action with
/// the user's own credential, turns failures into <see cref="ActionFailedException"/> with a plain explanation, and
/// writes each attempt to the <see cref="AuditLog"/>.
/// </summary>
public sealed partial class ActionService
{
    /// <summary>The field manager of the dashboard's server-side applies.</summary>
    public const string FieldManager = "dashboard";

    private readonly KubeClientPool _clients;
    private readonly TimeProvider _time;
    private readonly DashboardMetrics _metrics;
    private readonly Dictionary<(string Group, string Plural), (object Impl, Type[] Capabilities)> _registry = [];

    /// <summary>Creates the service; it counts actions in <paramref name="metrics"/> (default: <see cref="DashboardMetrics.Shared"/>).</summary>
    public ActionService(KubeClientPool clients, AuditLog audit, TimeProvider? time = null, DashboardMetrics? metrics = null)
    {
        _metrics = metrics ?? DashboardMetrics.Shared;
        _clients = clients;
        Audit = audit;
        _time = time ?? TimeProvider.System;
        var workloads = new WorkloadActions(clients, _time);
        var cluster = new ClusterActions(clients, _time);
        Register(Deployment.Resource, workloads, typeof(IScalable), typeof(IRestartable), typeof(IPausable), typeof(IRollbackable), typeof(IImageSettable));
        Register(StatefulSet.Resource, workloads, typeof(IScalable), typeof(IRestartable), typeof(IRollbackable), typeof(IImageSettable));
        Register(DaemonSet.Resource, workloads, typeof(IRestartable), typeof(IRollbackable), typeof(IImageSettable));
        Register(ReplicaSet.Resource, workloads, typeof(IScalable), typeof(IImageSettable));
        Register(ReplicationController.Resource, workloads, typeof(IScalable));
        Register(CronJob.Resource, cluster, typeof(ISuspendable));
        Register(Node.Resource, cluster, typeof(ICordonable));
        Register(Pod.Resource, cluster, typeof(IEvictable));
    }

    /// <summary>The audit trail.</summary>
    public AuditLog Audit { get; }

    private void Register(ResourceKind kind, object impl, params Type[] capabilities) => _registry[(kind.Group, kind.Plural)] = (impl, capabilities);

    /// <summary>The implementation of capability <typeparamref name="T"/> for a kind, or null when the kind has none.</summary>
    public T? Capability<T>(ResourceKind kind) where T : class =>
        _registry.TryGetValue((kind.Group, kind.Plural), out var entry) && entry.Capabilities.Contains(typeof(T)) ? (T)entry.Impl : null;

    /// <summary>True when the kind offers capability <typeparamref name="T"/>.</summary>
    public bool Offers<T>(ResourceKind kind) where T : class => Capability<T>(kind) is not null;

    private T Require<T>(ObjectRef target, string action) where T : class =>
        Capability<T>(target.Kind) ?? throw new ActionFailedException(action, target, $"{target.Kind.Kind} does not support {action}");

    /// <summary>Scales.</summary>
    public Task<ActionResult> ScaleAsync(ActionContext c, ObjectRef t, int replicas, CancellationToken ct = default) =>
        RunAsync(c, "scale", t, $"replicas={replicas}", k => Require<IScalable>(t, "scale").ScaleAsync(c, t, replicas, k), ct);

    /// <summary>Restarts.</summary>
    public Task<ActionResult> RestartAsync(ActionContext c, ObjectRef t, CancellationToken ct = default) =>
        RunAsync(c, "restart", t, "", k => Require<IRestartable>(t, "restart").RestartAsync(c, t, k), ct);

    /// <summary>Pauses or resumes a rollout.</summary>
    public Task<ActionResult> SetPausedAsync(ActionContext c, ObjectRef t, bool paused, CancellationToken ct = default) =>
        RunAsync(c, paused ? "pause" : "resume", t, "", k => Require<IPausable>(t, "pause").SetPausedAsync(c, t, paused, k), ct);

    /// <summary>Revisions of a workload, newest first (a read: not audited).</summary>
    public Task<IReadOnlyList<Revision>> RevisionsAsync(ActionContext c, ObjectRef t, CancellationToken ct = default) =>
        Require<IRollbackable>(t, "rollback").RevisionsAsync(c, t, ct);

    /// <summary>Rolls back to a revision.</summary>
    public Task<ActionResult> RollbackAsync(ActionContext c, ObjectRef t, long revision, CancellationToken ct = default) =>
        RunAsync(c, "rollback", t, $"revision={revision}", k => Require<IRollbackable>(t, "rollback").RollbackAsync(c, t, revision, k), ct);

    /// <summary>Sets a container image.</summary>
    public Task<ActionResult> SetImageAsync(ActionContext c, ObjectRef t, string container, string image, CancellationToken ct = default) =>
        RunAsync(c, "set-image", t, $"{container}={image}", k => Require<IImageSettable>(t, "set image").SetImageAsync(c, t, container, image, k), ct);

    /// <summary>Suspends or resumes a CronJob.</summary>
    public Task<ActionResult> SetSuspendedAsync(ActionContext c, ObjectRef t, bool suspended, CancellationToken ct = default) =>
        RunAsync(c, suspended ? "suspend" : "unsuspend", t, "", k => Require<ISuspendable>(t, "suspend").SetSuspendedAsync(c, t, suspended, k), ct);

    /// <summary>Runs a CronJob's Job now.</summary>
    public Task<ActionResult> TriggerAsync(ActionContext c, ObjectRef t, CancellationToken ct = default) =>
        RunAsync(c, "trigger", t, "", k => Require<ISuspendable>(t, "trigger").TriggerAsync(c, t, k), ct);

    /// <summary>Cordons or uncordons a node.</summary>
    public Task<ActionResult> SetCordonedAsync(ActionContext c, ObjectRef t, bool cordoned, CancellationToken ct = default) =>
        RunAsync(c, cordoned ? "cordon" : "uncordon", t, "", k => Require<ICordonable>(t, "cordon").SetCordonedAsync(c, t, cordoned, k), ct);

    /// <summary>Drains a node.</summary>
    public Task<ActionResult> DrainAsync(ActionContext c, ObjectRef t, IProgress<DrainProgress>? progress = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        RunAsync(c, "drain", t, "", k => Require<ICordonable>(t, "drain").DrainAsync(c, t, progress, timeout ?? TimeSpan.FromMinutes(5), k), ct);

    /// <summary>Evicts a pod.</summary>
    public Task<ActionResult> EvictAsync(ActionContext c, ObjectRef t, CancellationToken ct = default) =>
        RunAsync(c, "evict", t, "", k => Require<IEvictable>(t, "evict").EvictAsync(c, t, k), ct);

    /// <summary>Deletes any object; <paramref name="force"/> means grace period 0.</summary>
    public Task<ActionResult> DeleteAsync(ActionContext c, ObjectRef t, string? propagation = null, long? gracePeriodSeconds = null, bool force = false, CancellationToken ct = default) =>
        RunAsync(c, "delete", t, $"propagation={propagation ?? "default"}{(force ? ",force" : gracePeriodSeconds is { } g ? $",grace={g}" : "")}", async k =>
        {
            await Client(c).DeleteAsync(t.Kind, t.Namespace, t.Name, new DeleteOptions
            {
                PropagationPolicy = propagation,
                GracePeriodSeconds = force ? 0 : gracePeriodSeconds,
            }, k).ConfigureAwait(false);
            return new ActionResult($"{t} deleted");
        }, ct);

    /// <summary>Sets (value) or removes (null) labels.</summary>
    public Task<ActionResult> LabelAsync(ActionContext c, ObjectRef t, IReadOnlyDictionary<string, string?> changes, CancellationToken ct = default) =>
        MetadataMapAsync(c, t, "labels", changes, ct);

    /// <summary>Sets (value) or removes (null) annotations.</summary>
    public Task<ActionResult> AnnotateAsync(ActionContext c, ObjectRef t, IReadOnlyDictionary<string, string?> changes, CancellationToken ct = default) =>
        MetadataMapAsync(c, t, "annotations", changes, ct);

    private Task<ActionResult> MetadataMapAsync(ActionContext c, ObjectRef t, string field, IReadOnlyDictionary<string, string?> changes, CancellationToken ct) =>
        RunAsync(c, field == "labels" ? "label" : "annotate", t, string.Join(",", changes.Select(kv => kv.Value is null ? kv.Key + "-" : $"{kv.Key}={kv.Value}")), async k =>
        {
            var map = new JsonObject();
            foreach (var (key, value) in changes) map[key] = value;
            var obj = await Client(c).PatchAsync(t.Kind, t.Namespace, t.Name, PatchType.Merge, new JsonObject { ["metadata"] = new JsonObject { [field] = map } }, ct: k)
                .ConfigureAwait(false);
            return new ActionResult($"{t} {(field == "labels" ? "labelled" : "annotated")}", obj);
        }, ct);

    /// <summary>
    /// Applies one or more YAML documents with server-side apply under the dashboard's field manager (creating what
    /// does not exist). Each document gets its own outcome; one failing does not stop the others.
    /// </summary>
    public async Task<IReadOnlyList<ApplyOutcome>> ApplyYamlAsync(ActionContext c, string yaml, string defaultNamespace, bool dryRun, CancellationToken ct = default)
    {
        List<JsonNode?> documents;
        try
        {
            documents = YamlDocuments.ParseAll(yaml);
        }
        catch (YamlParseException e)
        {
            Record(c, "apply", "(yaml)", dryRun ? "dry-run" : "", false, e.Message);
            throw new ActionFailedException("apply", null, e.Message, e);
        }
        var client = Client(c);
        var outcomes = new List<ApplyOutcome>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is not JsonObject doc)
            {
                outcomes.Add(new ApplyOutcome(i + 1, null, false, $"document {i + 1} is not a mapping", null));
                continue;
            }
            var apiVersion = (string?)doc["apiVersion"] ?? "";
            var kindName = (string?)doc["kind"] ?? "";
            var kind = client.Kinds.FindByKind(apiVersion, kindName);
            if (kind is null)
            {
                await client.DiscoverAsync(ct).ConfigureAwait(false); // a CRD created moments ago
                kind = client.Kinds.FindByKind(apiVersion, kindName);
            }
            var name = (string?)doc["metadata"]?["name"] ?? "";
            if (kind is null || name.Length == 0)
            {
                var why = kind is null ? $"no kind \"{kindName}\" in \"{apiVersion}\" is served by the cluster" : "metadata.name is required";
                outcomes.Add(new ApplyOutcome(i + 1, null, false, why, null));
                Record(c, "apply", $"document {i + 1}", dryRun ? "dry-run" : "", false, why);
                continue;
            }
            if (kind.Namespaced && doc["metadata"]?["namespace"] is null) doc["metadata"]!["namespace"] = defaultNamespace;
            var target = new ObjectRef(kind, kind.Namespaced ? (string?)doc["metadata"]!["namespace"] : null, name);
            try
            {
                var result = await RunAsync(c, "apply", target, dryRun ? "dry-run" : "", async k =>
                {
                    // Strict, as kubectl apply validates: an unknown field is an error, not a silently dropped line.
                    var obj = await client.PatchAsync(kind, target.Namespace, name, PatchType.Apply, doc,
                        new WriteOptions { FieldManager = FieldManager, DryRun = dryRun, FieldValidation = "Strict" }, ct: k).ConfigureAwait(false);
                    return new ActionResult($"{target} {(dryRun ? "would be applied" : "applied")}", obj);
                }, ct).ConfigureAwait(false);
                outcomes.Add(new ApplyOutcome(i + 1, target, true, result.Summary, result.Object));
            }
            catch (ActionFailedException e)
            {
                outcomes.Add(new ApplyOutcome(i + 1, target, false, e.Message, null, e.ApiError));
            }
        }
        return outcomes;
    }

    private KubeApiClient Client(ActionContext c) => _clients.Get(c.Cluster, c.Identity);

    private async Task<ActionResult> RunAsync(ActionContext c, string action, ObjectRef? target, string details, Func<CancellationToken, Task<ActionResult>> run, CancellationToken ct)
    {
        try
        {
            var result = await run(ct).ConfigureAwait(false);
            Record(c, action, target, details, true, result.Summary);
            return result;
        }
        catch (ActionFailedException e)
        {
            Record(c, action, target, details, false, e.Message);
            throw;
        }
        catch (KubeApiException e)
        {
            var message = Explain(action, target, e);
            Record(c, action, target, details, false, message);
            throw new ActionFailedException(action, target, message, e);
        }
        catch (KubeConnectionException e)
        {
            Record(c, action, target, details, false, e.Message);
            throw new ActionFailedException(action, target, e.Message, e);
        }
    }

    private void Record(ActionContext c, string action, ObjectRef? target, string details, bool ok, string message) =>
        Record(c, action, target?.ToString() ?? "", details, ok, message, target);

    private void Record(ActionContext c, string action, string target, string details, bool ok, string message, ObjectRef? targetRef = null)
    {
        _metrics.Action(action, ok);
        Audit.Record(new AuditEntry(_time.GetUtcNow(), c.User, c.Cluster, action, target, details, ok, message) { Ref = targetRef });
    }

    /// <summary>The server's message, prefixed with what was being done, plus field causes when it names them.</summary>
    private static string Explain(string action, ObjectRef? target, KubeApiException e)
    {
        var what = target is null ? action : $"{action} {target}";
        var causes = e.Causes.Where(x => x.Field is not null).Select(x => $"{x.Field}: {x.Message}").ToList();
        var tail = causes.Count > 0 && !e.Message.Contains(causes[0], StringComparison.Ordinal) ? $" ({string.Join("; ", causes)})" : "";
        return e.StatusCode switch
        {
            System.Net.HttpStatusCode.Forbidden => $"{what} was refused: {e.Message}",
            System.Net.HttpStatusCode.Conflict when e.IsConflict => $"{what} conflicted with another change: {e.Message}",
            System.Net.HttpStatusCode.TooManyRequests => $"{what} is not possible right now: {e.Message}",
            _ => $"{what} failed: {e.Message}{tail}",
        };
    }
}
