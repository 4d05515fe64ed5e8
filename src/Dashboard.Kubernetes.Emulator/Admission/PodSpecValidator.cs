using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The basic PodSpec rules for pods: containers present, named uniquely with DNS labels, with an image, and a known
/// restart policy. (Pod templates of workloads are validated by the workload kinds' own validation.)
/// </summary>
internal sealed class PodSpecValidator : IObjectValidator
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];

    public void Validate(AdmissionRequest request, List<StatusCause> causes)
    {
        if (request.Type.Key != PodSpecLocations.PodKey) return;
        if (PodSpecLocations.Find(request.Type, request.Object) is not { } found)
        {
            causes.Add(FieldErrors.Required("spec.containers"));
            return;
        }
        var (spec, field) = found;
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!spec.Items("containers").Any()) causes.Add(FieldErrors.Required(field + ".containers"));
        foreach (var list in new[] { "initContainers", "containers" })
        {
            var i = 0;
            foreach (var c in spec.Items(list))
            {
                var path = $"{field}.{list}[{i++}]";
                var name = c.Str("name") ?? "";
                if (name.Length == 0) causes.Add(FieldErrors.Required(path + ".name"));
                else
                {
                    foreach (var p in NameRules.Dns1123Label(name)) causes.Add(FieldErrors.Invalid(path + ".name", name, p));
                    if (!names.Add(name)) causes.Add(FieldErrors.Duplicate(path + ".name", name));
                }
                if (string.IsNullOrWhiteSpace(c.Str("image"))) causes.Add(FieldErrors.Required(path + ".image"));
            }
        }
        var restart = spec.Str("restartPolicy") ?? "Always";
        if (!RestartPolicies.Contains(restart)) causes.Add(FieldErrors.NotSupported(field + ".restartPolicy", restart, RestartPolicies));
    }
}
