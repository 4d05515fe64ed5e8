using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>The Service spec rules kubectl users run into: type, ports required, port ranges, names and duplicates.</summary>
internal sealed class ServiceValidator : IObjectValidator
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

    public void Validate(AdmissionRequest request, List<StatusCause> causes)
    {
        if (request.Type.Key != ServiceDefaultsPlugin.Key) return;
        var spec = request.Object.Obj("spec");
        var type = spec.Str("type") ?? "ClusterIP";
        if (!Types.Contains(type)) causes.Add(FieldErrors.NotSupported("spec.type", type, Types));
        if (type == "ExternalName")
        {
            if (string.IsNullOrEmpty(spec.Str("externalName"))) causes.Add(FieldErrors.Required("spec.externalName"));
            return;
        }
        if (request.OldObject?.Str("spec.clusterIP") is { Length: > 0 } oldIp && spec.Str("clusterIP") is { Length: > 0 } newIp && newIp != oldIp
            && request.OldObject.Str("spec.type") != "ExternalName")
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: []string{{\"{newIp}\"}}: may not change once set", "spec.clusterIPs[0]"));
        var ports = spec.Items("ports").ToList();
        if (ports.Count == 0 && spec.Str("clusterIP") != "None") causes.Add(FieldErrors.Required("spec.ports"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            var path = $"spec.ports[{i}]";
            var name = p.Str("name") ?? "";
            if (ports.Count > 1 && name.Length == 0) causes.Add(FieldErrors.Required(path + ".name"));
            else if (name.Length > 0)
            {
                foreach (var problem in NameRules.Dns1123Label(name)) causes.Add(FieldErrors.Invalid(path + ".name", name, problem));
                if (!names.Add(name)) causes.Add(FieldErrors.Duplicate(path + ".name", name));
            }
            var port = p.Int("port") ?? 0;
            if (port is < 1 or > 65535)
            {
                if (port == 0) causes.Add(FieldErrors.Required(path + ".port"));
                else causes.Add(FieldErrors.InvalidNumber(path + ".port", port, "must be between 1 and 65535, inclusive"));
            }
            var protocol = p.Str("protocol") ?? "TCP";
            if (protocol is not ("TCP" or "UDP" or "SCTP")) causes.Add(FieldErrors.NotSupported(path + ".protocol", protocol, "SCTP", "TCP", "UDP"));
            if (!keys.Add($"{port}/{protocol}")) causes.Add(new StatusCause("FieldValueDuplicate", $"Duplicate value: core.ServicePort{{Name:\"{name}\", Protocol:\"{protocol}\", AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}", path));
        }
        foreach (var (k, v) in Json.StringMap(spec["selector"]))
        {
            foreach (var problem in NameRules.QualifiedKey(k)) causes.Add(FieldErrors.Invalid("spec.selector", k, problem));
            foreach (var problem in NameRules.LabelValueProblems(v)) causes.Add(FieldErrors.Invalid("spec.selector", v, problem));
        }
    }
}
