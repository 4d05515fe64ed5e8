using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>
/// What the pods/binding storage does: set spec.nodeName and the PodScheduled condition in one guarded write. It
/// writes to the store directly because binding is the one sanctioned change of a pod's spec (pod-update admission,
/// which forbids spec changes, does not apply to it).
/// </summary>
internal static class PodBinder
{
    /// <summary>Binds a pod to a node and returns the bound pod. Throws 404/409 as the real endpoint does.</summary>
    public static JsonObject Bind(EmulatorContext context, string ns, string name, string nodeName, string? expectedUid = null)
    {
        var pods = context.Type("", "pods");
        var stored = context.Store.Get(pods, ns, name) ?? throw ApiException.NotFound(pods, name);
        var pod = stored.ToJson();
        if (expectedUid is { Length: > 0 } uid && uid != stored.Uid)
            throw BindingConflict(name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {stored.Uid}");
        if (pod.At("metadata.deletionTimestamp") is not null)
            throw BindingConflict(name, $"pod {name} is being deleted, cannot be assigned to a host");
        if (pod.Str("spec.nodeName") is { Length: > 0 } current)
            throw BindingConflict(name, $"pod {name} is already assigned to node \"{current}\"");
        pod.Obj("spec")["nodeName"] = nodeName;
        PodConditions.Set(pod, "PodScheduled", "True", null, null, context.Clock.GetUtcNow());
        return context.Store.Update(pods, pod, stored.ResourceVersion).ToJson();
    }

    private static ApiException BindingConflict(string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": {why}",
            new JsonObject { ["name"] = name, ["kind"] = "pods/binding" });
}
