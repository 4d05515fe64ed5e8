using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// Namespace defaulting: the immutable <c>kubernetes.io/metadata.name</c> label, the <c>kubernetes</c> finalizer
/// that namespace deletion waits on, and phase Active for a new namespace.
/// </summary>
internal sealed class NamespaceDefaultsPlugin : IAdmissionPlugin
{
    private const string Key = "namespaces";

    public int Order => 10;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != Key || request.Subresource is not null) return;
        var obj = request.Object;
        obj.Obj("metadata.labels")["kubernetes.io/metadata.name"] = obj.Name();
        if (request.Operation != AdmissionOperation.Create) return;
        obj.Obj("spec")["finalizers"] ??= new JsonArray("kubernetes");
        obj.Obj("status")["phase"] ??= "Active";
    }
}
