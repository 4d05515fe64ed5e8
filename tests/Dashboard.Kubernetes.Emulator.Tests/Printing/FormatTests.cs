using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.CustomResources;
using Dashboard.Kubernetes.Emulator.Printing;

namespace Dashboard.Kubernetes.Emulator.Tests.Printing;

public sealed class FormatTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600 + 3599, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(3 * 86400 + 5 * 3600, "3d5h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void HumanDuration_matches_apimachinery(long seconds, string expected) =>
        Assert.Equal(expected, Format.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Selectors_print_sorted_requirements()
    {
        var sel = JsonNode.Parse("""{"matchLabels":{"b":"2","a":"1"},"matchExpressions":[{"key":"c","operator":"NotIn","values":["y","x"]},{"key":"aa","operator":"Exists"},{"key":"d","operator":"DoesNotExist"}]}""");
        Assert.Equal("a=1,aa,b=2,c notin (x,y),!d", Format.Selector(sel));
        Assert.Equal("<none>", Format.LabelSelector(JsonNode.Parse("{}")));
        Assert.Equal("<none>", Format.Labels(null));
        Assert.Equal("a=1,b=2", Format.Labels(JsonNode.Parse("""{"b":"2","a":"1"}""")));
    }

    [Fact]
    public void JsonPath_subset_selects_fields_indexes_and_filters()
    {
        var obj = JsonNode.Parse("""{"spec":{"replicas":3,"items":[{"n":"a"},{"n":"b"}]},"status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}""");
        Assert.Equal(3, SimpleJsonPath.Parse(".spec.replicas").First(obj)!.GetValue<int>());
        Assert.Equal("b", SimpleJsonPath.Parse(".spec.items[1].n").First(obj)!.GetValue<string>());
        Assert.Equal("a", SimpleJsonPath.Parse(".spec.items[*].n").First(obj)!.GetValue<string>());
        Assert.Equal("True", SimpleJsonPath.Parse(".status.conditions[?(@.type==\"Ready\")].status").First(obj)!.GetValue<string>());
        Assert.Null(SimpleJsonPath.Parse(".status.missing").First(obj));
    }

    [Fact]
    public void Custom_resource_cells_are_typed_and_dates_become_ages()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:05:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("5m", CustomResourcePrinter.Cell("date", JsonValue.Create("2026-01-01T00:00:00Z"), now)!.GetValue<string>());
        Assert.Equal(7L, CustomResourcePrinter.Cell("integer", JsonNode.Parse("7"), now)!.GetValue<long>());
        Assert.Equal("{\"a\":1}", CustomResourcePrinter.Cell("string", JsonNode.Parse("{\"a\":1}"), now)!.GetValue<string>());
        Assert.Null(CustomResourcePrinter.Cell("integer", null, now));
    }

    [Fact]
    public void Version_priority_prefers_ga_then_beta_then_alpha()
    {
        var versions = new List<string> { "v1alpha1", "foo", "v1beta1", "v1", "v2", "v1beta2", "v10" };
        versions.Sort(VersionPriority.Compare);
        Assert.Equal(["v10", "v2", "v1", "v1beta2", "v1beta1", "v1alpha1", "foo"], versions);
    }
}
