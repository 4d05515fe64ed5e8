using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>Validates one aspect of an object, adding field causes.</summary>
internal interface IObjectValidator
{
    /// <summary>Adds a cause for each problem found.</summary>
    void Validate(AdmissionRequest request, List<StatusCause> causes);
}

/// <summary>
/// The registry strategies' Validate step: every validator runs and all field errors come back in one 422, as the
/// real server aggregates them.
/// </summary>
internal sealed class ValidationPlugin(IReadOnlyList<IObjectValidator> validators) : IAdmissionPlugin
{
    public int Order => 500;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.IsVirtual || request.Subresource is not null) return;
        var causes = new List<StatusCause>();
        foreach (var v in validators) v.Validate(request, causes);
        if (causes.Count > 0) throw ApiException.Invalid(request.Type, request.Object.Name(), causes);
    }
}
