using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Patching;

/// <summary>One <c>metadata.managedFields</c> entry: who set which fields, how, and when.</summary>
internal sealed class ManagedFieldsEntry
{
    public required string Manager { get; init; }
    public required string Operation { get; init; }
    public string ApiVersion { get; set; } = "";
    public string? Time { get; set; }
    public string? Subresource { get; init; }
    public FieldSet Fields { get; set; } = new();

    public bool IsApply => Operation == "Apply";

    /// <summary>True when this entry is the one a write by (manager, operation, subresource) updates.</summary>
    public bool Is(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && (Subresource ?? "") == (subresource ?? "");

    /// <summary>How apply conflicts name a manager: Update managers with their API version, as the real server prints them.</summary>
    public string Describe()
    {
        var text = $"\"{Manager}\"";
        if (!string.IsNullOrEmpty(Subresource)) text += $" with subresource \"{Subresource}\"";
        return IsApply ? text : $"{text} using {ApiVersion}";
    }

    public static List<ManagedFieldsEntry> Read(JsonObject? obj)
    {
        var list = new List<ManagedFieldsEntry>();
        foreach (var e in obj.Items("metadata.managedFields"))
        {
            if (e.Str("manager") is not { } manager) continue; // [{}] is how clients ask to reset ownership
            list.Add(new ManagedFieldsEntry
            {
                Manager = manager,
                Operation = e.Str("operation") ?? "Update",
                ApiVersion = e.Str("apiVersion") ?? "",
                Time = e.Str("time"),
                Subresource = e.Str("subresource"),
                Fields = FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject),
            });
        }
        return list;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries.Where(e => e.Fields.Count > 0))
        {
            var o = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
            };
            if (e.Time is not null) o["time"] = e.Time;
            o["fieldsType"] = "FieldsV1";
            o["fieldsV1"] = e.Fields.ToFieldsV1();
            if (!string.IsNullOrEmpty(e.Subresource)) o["subresource"] = e.Subresource;
            array.Add(o);
        }
        if (array.Count > 0) obj.Meta()["managedFields"] = array;
        else obj.Meta().Remove("managedFields");
    }
}
