using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>The basic PodSpec rules, for pods and pod templates: containers present, named uniquely, with an image.</summary>
internal sealed class PodSpecValidator : IObjectValidator
{
    public void Validate(AdmissionRequest request, List<StatusCause> causes)
    {
        if (PodSpecLocations.Find(request.Type, request.Object) is not { } found)
        {
            if (request.Type.Key == PodSpecLocations.PodKey) causes.Add(FieldErrors.Required("spec.containers"));
            return;
        }
        var (spec, field) = found;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var containers = spec.Items("containers").ToList();
        if (containers.Count == 0) causes.Add(FieldErrors.Required(field + ".containers"));
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
        if (PodSpecLocations.MustComplete(request.Type))
        {
            if (restart is not ("OnFailure" or "Never"))
                causes.Add(FieldErrors.NotSupported(field + ".restartPolicy", restart, "OnFailure", "Never"));
        }
        else if (request.Type.Key != PodSpecLocations.PodKey)
        {
            if (restart != "Always") causes.Add(FieldErrors.NotSupported(field + ".restartPolicy", restart, "Always"));
        }
        else if (restart is not ("Always" or "OnFailure" or "Never"))
            causes.Add(FieldErrors.NotSupported(field + ".restartPolicy", restart, "Always", "OnFailure", "Never"));
    }
}
