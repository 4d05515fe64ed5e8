using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>
/// A printer for one kind: its column definitions and a pure function from object to cells. The server always prints
/// every column (kubectl hides priority-1 ones unless <c>-o wide</c>), so cells cover all columns in order.
/// </summary>
internal sealed class KindPrinter(IReadOnlyList<TableColumn> columns, Func<JsonObject, DateTimeOffset, JsonNode?[]> cells) : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) => cells(obj, now);
}

/// <summary>Column definitions with the descriptions the real printers carry (from the API's Swagger docs).</summary>
internal static class Col
{
    public const string NameDoc = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    public const string AgeDoc = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>The Name column every printer starts with.</summary>
    public static TableColumn Name { get; } = new("Name", "string", "name", 0, NameDoc);

    /// <summary>The Age column.</summary>
    public static TableColumn Age { get; } = new("Age", "string", "", 0, AgeDoc);

    /// <summary>A string column.</summary>
    public static TableColumn Str(string name, string description = "", int priority = 0) => new(name, "string", "", priority, description);

    /// <summary>An integer column.</summary>
    public static TableColumn Int(string name, string description = "", int priority = 0) => new(name, "integer", "", priority, description);

    /// <summary>A boolean column.</summary>
    public static TableColumn Bool(string name, string description = "", int priority = 0) => new(name, "boolean", "", priority, description);

    /// <summary>The wide Containers / Images / Selector trio of workload printers.</summary>
    public static TableColumn[] ContainersImagesSelector(string selectorDoc) =>
    [
        Str("Containers", "Names of each container in the template.", 1),
        Str("Images", "Images referenced by each container in the template.", 1),
        Str("Selector", selectorDoc, 1),
    ];
}
