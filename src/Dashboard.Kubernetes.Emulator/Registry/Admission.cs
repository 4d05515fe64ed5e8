using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Registry;

/// <summary>Which write is being admitted.</summary>
public enum AdmissionOperation
{
    /// <summary>POST, or server-side apply that creates.</summary>
    Create,
    /// <summary>PUT, PATCH or apply of an existing object.</summary>
    Update,
}

/// <summary>A write on its way to storage. Plugins may change <see cref="Object"/> or throw <see cref="ApiException"/>.</summary>
public sealed record AdmissionRequest(
    AdmissionOperation Operation,
    ResourceType Type,
    JsonObject Object,
    JsonObject? OldObject,
    UserInfo User,
    bool DryRun,
    string? Subresource = null);

/// <summary>
/// One step of the write pipeline (defaulting, validation, quota, LimitRange, namespace lifecycle...), the way
/// admission plugins and registry strategies work in a real API server. Plugins run in ascending <see cref="Order"/>.
/// </summary>
public interface IAdmissionPlugin
{
    /// <summary>Mutating steps use low numbers (defaults &lt; 100), validating ones high (≥ 500).</summary>
    int Order { get; }

    /// <summary>Inspects or mutates the write; throws to reject it.</summary>
    void Admit(AdmissionRequest request);
}

/// <summary>Applies a PATCH body of one content type to the current object.</summary>
public interface IPatchApplier
{
    /// <summary>Content type this applier handles, e.g. <c>application/merge-patch+json</c>.</summary>
    string ContentType { get; }

    /// <summary>Returns the patched object (a new tree; <paramref name="current"/> may be changed freely).</summary>
    JsonObject Apply(ResourceType type, JsonObject current, ReadOnlyMemory<byte> patch);
}

/// <summary>Server-side apply and managedFields bookkeeping.</summary>
public interface IFieldManager
{
    /// <summary>
    /// Merges an applied configuration into <paramref name="current"/> (null when the object does not exist yet) for
    /// <paramref name="manager"/>, recording ownership; throws 409 with FieldManagerConflict causes unless <paramref name="force"/>.
    /// </summary>
    JsonObject Apply(ResourceType type, JsonObject? current, JsonObject applied, string manager, bool force);

    /// <summary>Records an Update-operation write by <paramref name="manager"/> in the object's managedFields.</summary>
    void RecordUpdate(ResourceType type, JsonObject? old, JsonObject updated, string manager, string? subresource);
}
