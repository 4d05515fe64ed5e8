using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing.Forms;

/// <summary>A container or service port.</summary>
public sealed class PortEntry
{
    /// <summary>The port number (for a Service: the port it listens on).</summary>
    public int Port { get; set; } = 80;
    /// <summary>TCP, UDP or SCTP.</summary>
    public string Protocol { get; set; } = "TCP";
    /// <summary>Optional name (required by a Service with several ports).</summary>
    public string Name { get; set; } = "";
    /// <summary>Service only: the pods' port (defaults to <see cref="Port"/>).</summary>
    public int? TargetPort { get; set; }
    /// <summary>Service only, NodePort/LoadBalancer: the node port (empty: the cluster picks one).</summary>
    public int? NodePort { get; set; }
}

/// <summary>A Deployment of one container: image, replicas, ports; pods labelled <c>app: name</c>.</summary>
public sealed class DeploymentForm : ObjectForm
{
    /// <inheritdoc />
    public override ResourceKind Kind => Deployment.Resource;

    /// <summary>The container image.</summary>
    public string Image { get; set; } = "";

    /// <summary>spec.replicas.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Container ports.</summary>
    public List<PortEntry> Ports { get; } = [];

    /// <inheritdoc />
    protected override string NameRule => "Form_Dns1123Label";

    // The name is also the container's name and the app label's value, which must be RFC 1123 labels.
    /// <inheritdoc />
    protected override bool NameIsValid(string name) => NameRules.IsDns1123Label(name);

    /// <inheritdoc />
    protected override void ValidateFields(List<FormError> errors)
    {
        if (Image.Length == 0) errors.Add(Required(nameof(Image)));
        else if (!NameRules.IsImage(Image)) errors.Add(new FormError(nameof(Image), EditingText.Get("Form_Image")));
        if (Replicas < 0) errors.Add(new FormError(nameof(Replicas), EditingText.Get("Form_Replicas")));
        PortRules.Validate(errors, Ports, service: false);
    }

    /// <inheritdoc />
    protected override void Fill(JsonObject obj)
    {
        var labels = new JsonObject { ["app"] = Name };
        var container = new JsonObject { ["name"] = Name, ["image"] = Image };
        if (Ports.Count > 0)
            container["ports"] = new JsonArray(Ports.Select(p =>
            {
                var port = new JsonObject { ["containerPort"] = p.Port, ["protocol"] = p.Protocol };
                if (p.Name.Length > 0) port["name"] = p.Name;
                return (JsonNode)port;
            }).ToArray());
        ((JsonObject)obj["metadata"]!)["labels"] = labels.DeepClone();
        obj["spec"] = new JsonObject
        {
            ["replicas"] = Replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
            },
        };
    }
}

/// <summary>Port checks shared by the Deployment and Service forms.</summary>
internal static class PortRules
{
    public static void Validate(List<FormError> errors, IReadOnlyList<PortEntry> ports, bool service)
    {
        var seen = new HashSet<(int, string)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            var at = $"Ports[{i}]";
            if (!NameRules.IsPort(p.Port)) errors.Add(new FormError($"{at}.Port", EditingText.Get("Form_Port")));
            else if (!seen.Add((p.Port, p.Protocol))) errors.Add(new FormError($"{at}.Port", EditingText.Format("Form_DuplicatePort", p.Port.ToString(CultureInfo.InvariantCulture), p.Protocol)));
            if (!NameRules.IsProtocol(p.Protocol)) errors.Add(new FormError($"{at}.Protocol", EditingText.Get("Form_Protocol")));
            if (p.Name.Length > 0)
            {
                if (!NameRules.IsDns1123Label(p.Name) || !service && p.Name.Length > 15) errors.Add(new FormError($"{at}.Name", EditingText.Get("Form_Dns1123Label")));
                else if (!names.Add(p.Name)) errors.Add(new FormError($"{at}.Name", EditingText.Format("Form_DuplicateKey", p.Name)));
            }
            else if (service && ports.Count > 1) errors.Add(Required($"{at}.Name"));
            if (!service) continue;
            if (p.TargetPort is { } target && !NameRules.IsPort(target)) errors.Add(new FormError($"{at}.TargetPort", EditingText.Get("Form_Port")));
            if (p.NodePort is { } node && node is < 30000 or > 32767) errors.Add(new FormError($"{at}.NodePort", EditingText.Get("Form_NodePort")));
        }
    }

    private static FormError Required(string field) => new(field, EditingText.Format("Form_Required", field));
}
