using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing.Forms;

/// <summary>A ConfigMap of string keys and values.</summary>
public sealed class ConfigMapForm : ObjectForm
{
    /// <inheritdoc />
    public override ResourceKind Kind => ConfigMap.Resource;

    /// <summary>The data.</summary>
    public List<KeyValueEntry> Data { get; } = [];

    /// <inheritdoc />
    protected override void ValidateFields(List<FormError> errors) =>
        ValidateEntries(errors, nameof(Data), Data, NameRules.IsConfigMapKey, "Form_ConfigKey");

    /// <inheritdoc />
    protected override void Fill(JsonObject obj) => obj["data"] = Map(Data);
}
