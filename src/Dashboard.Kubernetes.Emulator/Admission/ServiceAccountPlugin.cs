using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The ServiceAccount admission plugin's lookup: a pod naming a ServiceAccount that does not exist is refused with 403.
/// The <c>default</c> account is exempt because the controller creates it a moment after its namespace, and a pod
/// created in that moment would otherwise fail for reasons a user cannot see.
/// </summary>
internal sealed class ServiceAccountPlugin(ObjectApi api) : IAdmissionPlugin
{
    public int Order => 20;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != PodSpecLocations.PodKey || request.Operation != AdmissionOperation.Create) return;
        var name = request.Object.Str("spec.serviceAccountName") ?? "default";
        if (name == "default") return;
        var accounts = api.Catalog.FindPreferred("", "serviceaccounts");
        if (accounts is null) return;
        var ns = request.Object.Namespace();
        if (api.TryGet(accounts, ns, name) is not null) return;
        throw ApiException.Forbidden(
            $"{request.Type.QualifiedName} \"{request.Object.Name()}\" is forbidden: error looking up service account {ns}/{name}: serviceaccount \"{name}\" not found",
            request.Type, request.Object.Name());
    }
}
