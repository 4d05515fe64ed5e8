using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Printing;

namespace Dashboard.Kubernetes.Emulator.Tests.Printing;

/// <summary>
/// Each fixture holds an object, a "now" and the cells kube-apiserver's printer produces for it (worked out from
/// pkg/printers/internalversion/printers.go); the emulator's printer must produce the same cells.
/// </summary>
public sealed class PrinterFixtureTests
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Printing", "Fixtures");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(FixtureDir, "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Printer_produces_the_kubectl_cells(string fixture)
    {
        var doc = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDir, fixture)))!;
        var printer = PrintingModule.Printers[doc["resource"]!.GetValue<string>()];
        var now = DateTimeOffset.Parse(doc["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var cells = printer.Cells((JsonObject)doc["object"]!, now);
        var actual = new JsonArray(cells.Select(c => c?.DeepClone()).ToArray());
        Assert.Equal(doc["cells"]!.ToJsonString(), actual.ToJsonString());
        Assert.Equal(printer.Columns.Count, cells.Count);
    }

    [Fact]
    public void Every_fixture_directory_entry_was_found() => Assert.True(Fixtures().Count >= 30);

    [Fact]
    public void Wide_columns_have_priority_one_and_types_match_the_real_printers()
    {
        var pod = PrintingModule.Printers["pods"].Columns;
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age"], pod.Where(c => c.Priority == 0).Select(c => c.Name));
        Assert.Equal(["IP", "Node", "Nominated Node", "Readiness Gates"], pod.Where(c => c.Priority == 1).Select(c => c.Name));
        Assert.Equal("name", pod[0].Format);
        var rs = PrintingModule.Printers["replicasets.apps"].Columns;
        Assert.Equal("integer", rs.Single(c => c.Name == "Desired").Type);
        var events = PrintingModule.Printers["events"].Columns;
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Message"], events.Where(c => c.Priority == 0).Select(c => c.Name));
    }
}
