using Dashboard.Core.Projections;

namespace Dashboard.Core.Tests.Projections;

public sealed class ProjectionsFormatTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(310, "5m10s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 5 * 60, "3h5m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600 + 59 * 60, "47h")]
    [InlineData(2 * 86400, "2d")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(400 * 86400, "400d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(760 * 86400, "2y30d")]
    [InlineData(3000 * 86400, "8y")]
    [InlineData(-1, "0s")]
    [InlineData(-5, "<invalid>")]
    public void Durations_print_as_kubectl_prints_ages(int seconds, string expected) =>
        Assert.Equal(expected, KubeFormat.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_missing_timestamp_has_an_unknown_age() => Assert.Equal("<unknown>", KubeFormat.Age(null, DateTimeOffset.UtcNow));

    [Theory]
    [InlineData("100m", 0.1)]
    [InlineData("1", 1)]
    [InlineData("1.5", 1.5)]
    [InlineData("128Mi", 134217728)]
    [InlineData("1Gi", 1073741824)]
    [InlineData("1G", 1000000000)]
    [InlineData("2k", 2000)]
    [InlineData("1e3", 1000)]
    [InlineData("5E", 5e18)]
    public void Quantities_read_as_base_units(string text, double expected) =>
        Assert.Equal((decimal)expected, Quantity.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1Qi")]
    [InlineData("1e")]
    public void Bad_quantities_are_refused(string text) => Assert.Null(Quantity.Parse(text));

    [Fact]
    public void Selectors_print_requirements_sorted_by_key()
    {
        var sel = System.Text.Json.Nodes.JsonNode.Parse("""
            {"matchLabels":{"tier":"web","app":"shop"},"matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]},{"key":"legacy","operator":"DoesNotExist"}]}
            """);
        Assert.Equal("app=shop,env in (dev,prod),!legacy,tier=web", KubeFormat.Selector(sel));
        Assert.Equal("", KubeFormat.Selector(null));
    }

    [Fact]
    public void Access_modes_are_abbreviated_in_kubectls_order() =>
        Assert.Equal("RWO,RWX,RWOP", KubeFormat.AccessModes(["ReadWriteOncePod", "ReadWriteMany", "ReadWriteOnce"]));
}
