using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>Owner references as controllers write and read them.</summary>
internal static class Owners
{
    /// <summary>A controller reference to <paramref name="owner"/> with blockOwnerDeletion, as every workload controller sets.</summary>
    public static JsonObject ControllerRef(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.Str("apiVersion"),
        ["kind"] = owner.Str("kind"),
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>The controller reference of an object, or null.</summary>
    public static JsonObject? Controller(JsonObject obj) =>
        obj.Items("metadata.ownerReferences").FirstOrDefault(r => r.Bool("controller") == true);

    public static bool IsControlledBy(JsonObject obj, JsonObject owner) => Controller(obj)?.Str("uid") == owner.Uid();

    /// <summary>The key (<c>ns/name</c>) of the controlling owner of a given kind, or null.</summary>
    public static string? ControllerKey(JsonObject obj, string kind) =>
        Controller(obj) is { } r && r.Str("kind") == kind ? obj.Namespace() + "/" + r.Str("name") : null;
}
