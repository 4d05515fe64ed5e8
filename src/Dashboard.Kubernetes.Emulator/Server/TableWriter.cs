using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>Builds meta.k8s.io/v1 Table responses (what <c>kubectl get</c> asks for) from the kind's printer.</summary>
internal static class TableWriter
{
    /// <summary>True when the Accept header asks for a Table.</summary>
    public static bool Wants(ApiRequest request) =>
        request.Http.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    public static ITablePrinter PrinterFor(EmulatorContext context, ResourceType rt) =>
        context.TablePrinters.TryGetValue(rt.Key, out var p) ? p
        : context.DynamicTablePrinter?.Invoke(rt) ?? DefaultPrinter.Instance;

    public static JsonObject Build(EmulatorContext context, ApiRequest request, ResourceType rt, IEnumerable<JsonObject> objects, string resourceVersion, string? continueToken, bool withColumns = true)
    {
        var printer = PrinterFor(context, rt);
        var include = request.Query("includeObject") ?? "Metadata";
        var now = context.Clock.GetUtcNow();
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(printer.Cells(obj, now).Select(c => c?.DeepClone()).ToArray()) };
            row["object"] = include switch
            {
                "None" => null,
                "Object" => obj,
                _ => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj.Meta().DeepClone(),
                },
            };
            if (include == "None") row.Remove("object");
            rows.Add(row);
        }
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
        };
        if (continueToken is not null) table.Meta()["continue"] = continueToken;
        if (withColumns)
        {
            table["columnDefinitions"] = new JsonArray(printer.Columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            }).ToArray());
        }
        else table["columnDefinitions"] = null;
        table["rows"] = rows;
        return table;
    }

    /// <summary>The server's default convertor: Name and Created At, as for kinds without a printer.</summary>
    private sealed class DefaultPrinter : ITablePrinter
    {
        public static readonly DefaultPrinter Instance = new();

        public IReadOnlyList<TableColumn> Columns { get; } =
        [
            new("Name", "string", "name", 0, "Name must be unique within a namespace."),
            new("Created At", "date", "", 0, "CreationTimestamp is a timestamp representing the server time when this object was created."),
        ];

        public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
            [obj.Name(), obj.Str("metadata.creationTimestamp")];
    }
}
