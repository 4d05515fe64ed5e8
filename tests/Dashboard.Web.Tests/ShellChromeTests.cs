using System.Globalization;
using System.Security.Claims;
using Bunit;
using Dashboard.Web.Components;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests;

/// <summary>The shell's frame: the error boundary around pages, breadcrumbs and the reconnect banner, in both languages.</summary>
public sealed class ShellChromeTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task A_page_that_throws_is_caught_by_the_layouts_error_boundary_and_the_shell_stays()
    {
        await using var ctx = fx.Context("admin");
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetClaims(new Claim(DashboardClaims.Token, fx.Clusters.DemoToken("admin")), new Claim(DashboardClaims.Cluster, fx.Clusters.Default.Name));
        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<Thrower>(0);
            b.CloseComponent();
        })));
        cut.WaitForAssertion(() => Assert.Contains("Something went wrong on this page.", cut.Find(".page-error[role=alert]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("the page broke", cut.Find(".page-error pre").TextContent);
        Assert.NotEmpty(cut.FindAll(".nav-menu a[href='/pods']"));
        Assert.NotNull(cut.Find("button.palette-trigger"));
    }

    [Theory]
    [InlineData("en", "Connection lost. Reconnecting…", "Breadcrumb")]
    [InlineData("zh-CN", "连接", "导航路径")]
    public async Task The_reconnect_banner_and_breadcrumbs_speak_the_users_language(string culture, string reconnect, string trail)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            await using var ctx = fx.Context("viewer", culture);
            var banner = ctx.Render<ReconnectBanner>();
            Assert.Equal("components-reconnect-modal", banner.Find("div").Id);
            Assert.Contains(reconnect, banner.Find(".reconnect-show").TextContent);
            var crumbs = ctx.Render<Breadcrumbs>(p => p.Add(b => b.Items, new List<(string, string?)> { ("Home", "/"), ("Pods", "/pods"), ("web-1", null) }));
            Assert.Equal(trail, crumbs.Find("nav").GetAttribute("aria-label"));
            Assert.Equal("page", crumbs.Find("li:last-child span").GetAttribute("aria-current"));
            Assert.Equal(2, crumbs.FindAll("a").Count);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    private sealed class Thrower : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("the page broke");
    }
}
