using Dashboard.Kubernetes.Emulator.Admission;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Pure logic of the cluster area: quantities, name rules, pull policies.</summary>
public sealed class ClusterUnitTests
{
    [Theory]
    [InlineData("2", "2")]
    [InlineData("0.5", "500m")]
    [InlineData("1500m", "1500m")]
    [InlineData("2000m", "2")]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1536Mi", "1536Mi")]
    [InlineData("1e3", "1k")]
    [InlineData("1000", "1k")]
    [InlineData("100M", "100M")]
    [InlineData("0", "0")]
    public void Quantities_print_canonically(string input, string expected)
    {
        Assert.True(ExactQuantity.TryParse(input, out var q));
        Assert.Equal(expected, q.ToString());
    }

    [Fact]
    public void Quantities_add_and_compare_exactly()
    {
        var sum = ExactQuantity.Parse("1") + ExactQuantity.Parse("500m");
        Assert.Equal("1500m", sum.ToString());
        Assert.Equal("512Mi", (ExactQuantity.Parse("256Mi") + ExactQuantity.Parse("256Mi")).ToString());
        Assert.True(ExactQuantity.Parse("2").CompareTo(ExactQuantity.Parse("1999m")) > 0);
        Assert.False(ExactQuantity.TryParse("12 cores", out _));
        Assert.False(ExactQuantity.TryParse("1Gb", out _));
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("my.app-1", true)]
    [InlineData("Bad_Name", false)]
    [InlineData("-start", false)]
    [InlineData("end.", false)]
    public void Subdomain_rule_matches_the_api_server(string name, bool valid) =>
        Assert.Equal(valid, !NameRules.Dns1123Subdomain(name).Any());

    [Fact]
    public void Label_rules_cover_prefixes_lengths_and_values()
    {
        Assert.Empty(NameRules.QualifiedKey("app.kubernetes.io/name"));
        Assert.Contains(NameRules.QualifiedKey("Example.com/x"), p => p.StartsWith("prefix part a lowercase RFC 1123 subdomain", StringComparison.Ordinal));
        Assert.Contains(NameRules.QualifiedKey(new string('a', 64)), p => p == "name part must be no more than 63 characters");
        Assert.Empty(NameRules.LabelValueProblems(""));
        Assert.Single(NameRules.LabelValueProblems("-x"));
        Assert.Empty(NameRules.Dns1035Label("web-1"));
        Assert.NotEmpty(NameRules.Dns1035Label("1web"));
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("localhost:5000/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:abc", "IfNotPresent")]
    public void Pull_policy_follows_the_tag(string image, string policy) => Assert.Equal(policy, PodDefaults.PullPolicyFor(image));
}
