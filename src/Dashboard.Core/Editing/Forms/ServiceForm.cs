using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing.Forms;

/// <summary>A Service: type, selector, ports.</summary>
public sealed class ServiceForm : ObjectForm
{
    /// <inheritdoc />
    public override ResourceKind Kind => Service.Resource;

    /// <summary>ClusterIP, NodePort or LoadBalancer.</summary>
    public string Type { get; set; } = "ClusterIP";

    /// <summary>The pods' labels to select (may be empty: endpoints are then managed by hand).</summary>
    public List<KeyValueEntry> Selector { get; } = [];

    /// <summary>The ports.</summary>
    public List<PortEntry> Ports { get; } = [];

    /// <inheritdoc />
    protected override string NameRule => "Form_Dns1123Label";

    /// <inheritdoc />
    protected override bool NameIsValid(string name) => NameRules.IsDns1123Label(name);

    /// <inheritdoc />
    protected override void ValidateFields(List<FormError> errors)
    {
        if (Type is not ("ClusterIP" or "NodePort" or "LoadBalancer")) errors.Add(new FormError(nameof(Type), EditingText.Get("Form_ServiceType")));
        ValidateEntries(errors, nameof(Selector), Selector, NameRules.IsLabelKey, "Form_LabelKey");
        for (var i = 0; i < Selector.Count; i++)
            if (!NameRules.IsLabelValue(Selector[i].Value)) errors.Add(new FormError($"Selector[{i}].Value", EditingText.Get("Form_LabelValue")));
        if (Ports.Count == 0) errors.Add(new FormError(nameof(Ports), EditingText.Get("Form_NoPorts")));
        PortRules.Validate(errors, Ports, service: true);
        if (Type == "ClusterIP")
            for (var i = 0; i < Ports.Count; i++)
                if (Ports[i].NodePort is not null) errors.Add(new FormError($"Ports[{i}].NodePort", EditingText.Get("Form_NodePort")));
    }

    /// <inheritdoc />
    protected override void Fill(JsonObject obj)
    {
        var spec = new JsonObject { ["type"] = Type };
        if (Selector.Count > 0) spec["selector"] = Map(Selector);
        spec["ports"] = new JsonArray(Ports.Select(p =>
        {
            var port = new JsonObject { ["port"] = p.Port, ["protocol"] = p.Protocol, ["targetPort"] = p.TargetPort ?? p.Port };
            if (p.Name.Length > 0) port["name"] = p.Name;
            if (p.NodePort is { } n) port["nodePort"] = n;
            return (JsonNode)port;
        }).ToArray());
        obj["spec"] = spec;
    }
}
