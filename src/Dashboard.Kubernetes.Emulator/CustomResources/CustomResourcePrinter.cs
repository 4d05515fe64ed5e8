using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Printing;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.CustomResources;

/// <summary>
/// Tables of custom resources, as apiextensions prints them: Name, then the version's additionalPrinterColumns
/// (JSONPath values typed per column; dates become ages), or Name and Age when the CRD declares none.
/// </summary>
internal static class CustomResourcePrinter
{
    private static readonly (string Name, string Type, string Path, int Priority, string Description, string Format)[] DefaultColumns =
        [("Age", "date", ".metadata.creationTimestamp", 0, Col.AgeDoc, "")];

    /// <summary>The printer of one version of a CRD.</summary>
    public static ITablePrinter For(JsonObject crd, string version)
    {
        var declared = crd.Items("spec.versions").FirstOrDefault(v => v.Str("name") == version)?.Items("additionalPrinterColumns").ToList() ?? [];
        var columns = declared.Count == 0
            ? DefaultColumns
            : declared.Select(c => (c.Str("name") ?? "", c.Str("type") ?? "string", c.Str("jsonPath") ?? "", (int)(c.Int("priority") ?? 0), c.Str("description") ?? "", c.Str("format") ?? "")).ToArray();
        var definitions = new List<TableColumn> { Col.Name };
        var paths = new List<(SimpleJsonPath? Path, string Type)>();
        foreach (var (name, type, path, priority, description, format) in columns)
        {
            definitions.Add(new TableColumn(name, type == "date" ? "date" : type, format, priority, description));
            SimpleJsonPath? parsed;
            try { parsed = SimpleJsonPath.Parse(path); }
            catch (FormatException) { parsed = null; }
            paths.Add((parsed, type));
        }
        return new KindPrinter(definitions, (obj, now) =>
        {
            var cells = new JsonNode?[paths.Count + 1];
            cells[0] = obj.Name();
            for (var i = 0; i < paths.Count; i++)
                cells[i + 1] = paths[i].Path is { } p ? Cell(paths[i].Type, p.First(obj), now) : null;
            return cells;
        });
    }

    /// <summary>cellForJSONValue: a value converted to the column's type; dates print as ages.</summary>
    internal static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null) return null;
        switch (type)
        {
            case "integer":
                return Format.L(value) is { } l ? l : null;
            case "number":
                return value is JsonValue nv && nv.TryGetValue<double>(out var d) ? d : Format.L(value) is { } n ? n : null;
            case "boolean":
                return Format.B(value) is { } b ? b : null;
            case "date":
                if (Format.S(value) is not { } s) return null;
                return Format.Time(value) is { } t ? Format.HumanDuration(now - t) : "<invalid>";
            default:
                return value switch
                {
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => Format.S(v),
                    JsonValue v => v.ToJsonString(),
                    _ => value.ToJsonString(Json.Options),
                };
        }
    }

    internal static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
