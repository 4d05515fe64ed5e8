using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>What the workload controllers share: typed access to the API, status writes, event recording and pod mapping.</summary>
internal abstract class WorkloadController : ReconcilingController
{
    protected WorkloadController(EmulatorContext context, string component) : base(context)
    {
        Component = component;
        PodsType = context.Type("", "pods");
    }

    /// <summary>The event source, e.g. <c>replicaset-controller</c>.</summary>
    protected string Component { get; }
    protected ResourceType PodsType { get; }
    protected ObjectApi Api => Context.Api;
    protected DateTimeOffset Now => Context.Clock.GetUtcNow();

    protected void Normal(JsonObject obj, string reason, string message) => Context.Events.Normal(obj, reason, message, Component);
    protected void Warning(JsonObject obj, string reason, string message) => Context.Events.Warning(obj, reason, message, Component);

    /// <summary>Writes <paramref name="status"/> through <c>/status</c> unless nothing changed; returns the stored object.</summary>
    protected JsonObject WriteStatus(ResourceType rt, JsonObject obj, JsonObject status)
    {
        if (JsonNode.DeepEquals(obj["status"], status)) return obj;
        var copy = obj.Clone();
        copy["status"] = status;
        return Api.Update(rt, obj.Namespace(), obj.Name(), copy, UserInfo.System, new WriteOptions { Subresource = "status" });
    }

    /// <summary>Writes a changed spec or metadata (optimistic: a conflict requeues the key).</summary>
    protected JsonObject Write(ResourceType rt, JsonObject obj) =>
        Api.Update(rt, obj.Namespace(), obj.Name(), obj, UserInfo.System);

    /// <summary>Pods of the namespace matching a selector.</summary>
    protected List<JsonObject> PodsMatching(string ns, LabelSelector selector) => Api.List(PodsType, ns, selector);

    /// <summary>The pods an owner controls, adopting orphans that match its selector and releasing those that stopped matching.</summary>
    protected List<JsonObject> ClaimPods(JsonObject owner, LabelSelector selector)
    {
        var uid = owner.Uid();
        var candidates = Api.List(PodsType, owner.Namespace(), null, o => MayBelong(o, owner, selector));
        var result = new List<JsonObject>();
        var deleting = owner.At("metadata.deletionTimestamp") is not null;
        foreach (var pod in candidates)
        {
            var controller = Owners.Controller(pod);
            var matches = !selector.IsEmpty && selector.Matches(pod.Labels());
            if (controller?.Str("uid") == uid)
            {
                if (matches || deleting) result.Add(pod);
                else Release(pod, uid);
            }
            else if (controller is null && matches && !deleting && !Pods.IsTerminating(pod))
            {
                if (Adopt(pod, owner) is { } adopted) result.Add(adopted);
            }
        }
        return result;
    }

    /// <summary>
    /// Cheap pre-filter before parsing: pods matching the selector, or named after the owner (as the pods it created
    /// are) and mentioning its uid. Keeps reconciles proportional to the owner's pods in namespaces with many others.
    /// </summary>
    protected static bool MayBelong(StoredObject o, JsonObject owner, LabelSelector selector)
    {
        if (!selector.MatchesNothing && !selector.IsEmpty && selector.Matches(o.Labels)) return true;
        return o.Name.StartsWith(owner.Name() + "-", StringComparison.Ordinal)
               && o.Bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(owner.Uid())) >= 0;
    }

    private JsonObject? Adopt(JsonObject pod, JsonObject owner)
    {
        var refs = pod.Meta()["ownerReferences"] as JsonArray ?? [];
        refs.Add(Owners.ControllerRef(owner));
        pod.Meta()["ownerReferences"] = refs;
        try { return Write(PodsType, pod); }
        catch (ApiException) { return null; }
    }

    private void Release(JsonObject pod, string uid)
    {
        if (pod.Meta()["ownerReferences"] is not JsonArray refs) return;
        foreach (var r in refs.OfType<JsonObject>().Where(r => r.Str("uid") == uid).ToList()) refs.Remove(r);
        if (refs.Count == 0) pod.Meta().Remove("ownerReferences");
        try { Write(PodsType, pod); }
        catch (ApiException) { }
    }

    /// <summary>Maps a pod change to the key of its controlling owner of <paramref name="kind"/>.</summary>
    protected static IEnumerable<string> OwnerKeys(StoredEvent change, ResourceType own, string kind)
    {
        if (change.Object.Type.Key == own.Key) return [change.Object.Key];
        var obj = change.Object.ToJson();
        return Owners.ControllerKey(obj, kind) is { } key ? [key] : [];
    }

    /// <summary>A condition object as the API writes it.</summary>
    protected JsonObject Condition(string type, string status, string? reason, string? message, JsonObject? previous = null)
    {
        var now = Json.Time(Now);
        var c = new JsonObject { ["type"] = type, ["status"] = status };
        var transition = previous is not null && previous.Str("status") == status ? previous.Str("lastTransitionTime") ?? now : now;
        c["lastTransitionTime"] = transition;
        if (reason is not null) c["reason"] = reason;
        if (message is not null) c["message"] = message;
        return c;
    }

    protected static JsonObject? FindCondition(JsonObject obj, string type) =>
        obj.Items("status.conditions").FirstOrDefault(c => c.Str("type") == type);

    protected static int Int(JsonObject obj, string path, int fallback = 0) => (int)(obj.Int(path) ?? fallback);
}
