using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing.Forms;

/// <summary>A problem with a form field; <see cref="Field"/> names the form property (e.g. <c>Ports[1].Port</c>).</summary>
public sealed record FormError(string Field, string Message);

/// <summary>A key and a value (ConfigMap and Secret data, selectors).</summary>
public sealed class KeyValueEntry
{
    /// <summary>The key.</summary>
    public string Key { get; set; } = "";
    /// <summary>The value.</summary>
    public string Value { get; set; } = "";
}

/// <summary>
/// A "create from form" generator: a few fields for a common object, validated with the API server's rules, turned
/// into YAML that then goes through the ordinary create flow (dry run, apply).
/// </summary>
public abstract class ObjectForm
{
    /// <summary>The kind the form makes.</summary>
    public abstract ResourceKind Kind { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; set; } = "";

    /// <summary>metadata.namespace.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>Every problem of the current values; empty when the form can be submitted.</summary>
    public IReadOnlyList<FormError> Validate()
    {
        var errors = new List<FormError>();
        if (Name.Length == 0) errors.Add(Required(nameof(Name)));
        else if (!NameIsValid(Name)) errors.Add(new FormError(nameof(Name), EditingText.Get(NameRule)));
        if (Namespace.Length == 0) errors.Add(Required(nameof(Namespace)));
        else if (!NameRules.IsDns1123Label(Namespace)) errors.Add(new FormError(nameof(Namespace), EditingText.Get("Form_Dns1123Label")));
        ValidateFields(errors);
        return errors;
    }

    /// <summary>The object.</summary>
    /// <exception cref="InvalidOperationException">The form has errors.</exception>
    public JsonObject ToObject()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        var obj = new JsonObject
        {
            ["apiVersion"] = Kind.ApiVersion,
            ["kind"] = Kind.Kind,
            ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
        };
        Fill(obj);
        return obj;
    }

    /// <summary>The object as YAML, ready for the create flow.</summary>
    public string ToYaml() => ObjectYaml.Render(ToObject());

    /// <summary>The message key of the name rule (subdomain unless the kind needs a label).</summary>
    protected virtual string NameRule => "Form_Dns1123Subdomain";

    /// <summary>Checks the name.</summary>
    protected virtual bool NameIsValid(string name) => NameRules.IsDns1123Subdomain(name);

    /// <summary>Checks the kind's own fields.</summary>
    protected abstract void ValidateFields(List<FormError> errors);

    /// <summary>Adds the kind's own fields to the object.</summary>
    protected abstract void Fill(JsonObject obj);

    /// <summary>"X is required".</summary>
    protected static FormError Required(string field) => new(field, EditingText.Format("Form_Required", field));

    /// <summary>Checks key/value entries: keys present, valid and unique.</summary>
    protected static void ValidateEntries(List<FormError> errors, string field, IReadOnlyList<KeyValueEntry> entries, Func<string, bool> keyIsValid, string keyRule)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var key = entries[i].Key;
            var at = $"{field}[{i}].Key";
            if (key.Length == 0) errors.Add(Required(at));
            else if (!keyIsValid(key)) errors.Add(new FormError(at, EditingText.Get(keyRule)));
            else if (!seen.Add(key)) errors.Add(new FormError(at, EditingText.Format("Form_DuplicateKey", key)));
        }
    }

    /// <summary>Entries as a JSON map.</summary>
    protected static JsonObject Map(IEnumerable<KeyValueEntry> entries)
    {
        var map = new JsonObject();
        foreach (var e in entries) map[e.Key] = e.Value;
        return map;
    }
}
