using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing.Forms;

/// <summary>
/// An Opaque Secret from plain strings: they go in <c>stringData</c>, which the API server encodes into
/// <c>data</c>, so the user never handles base64.
/// </summary>
public sealed class SecretForm : ObjectForm
{
    /// <inheritdoc />
    public override ResourceKind Kind => Secret.Resource;

    /// <summary>The values, as text.</summary>
    public List<KeyValueEntry> Data { get; } = [];

    /// <inheritdoc />
    protected override void ValidateFields(List<FormError> errors) =>
        ValidateEntries(errors, nameof(Data), Data, NameRules.IsConfigMapKey, "Form_ConfigKey");

    /// <inheritdoc />
    protected override void Fill(JsonObject obj)
    {
        obj["type"] = "Opaque";
        obj["stringData"] = Map(Data);
    }
}
