using Bunit;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests;

public sealed class OverviewPageTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Theory]
    [InlineData("en", "Not all replicas are ready.")]
    [InlineData("zh-CN", "并非所有副本都已就绪。")]
    public void Unhealthy_workloads_are_explained_in_the_readers_language(string culture, string expected)
    {
        // The demo's fraud-detector Deployment crash-loops: the overview lists it with the panel's localized sentence.
        using var ctx = fx.Context("admin", culture);
        var cut = ctx.Render<Overview>();
        cut.WaitForAssertion(() =>
        {
            var item = cut.FindAll("[data-testid=overview-unhealthy] li").Single(li => li.TextContent.Contains("fraud-detector"));
            var finding = item.QuerySelector(".finding[data-code=ReplicasUnavailable]")!;
            Assert.Equal(expected, finding.TextContent);
            Assert.Contains("ready", finding.GetAttribute("title")); // the counts, in the cluster's words
        }, TimeSpan.FromSeconds(30));
    }
}
