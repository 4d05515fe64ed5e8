using Dashboard.Core.Access;
using Dashboard.Web.Palette;
using Dashboard.Web.Session;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

public sealed class PaletteSourceTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task Closing_while_the_kinds_still_subscribe_stops_everything_without_failing()
    {
        // Enter on the first match can close the palette before every kind has subscribed: the subscribing goes on
        // in the background, and must neither fail nor leave a subscription behind.
        using var ctx = fx.Context("admin");
        var session = ctx.Services.GetRequiredService<UserSession>();
        var permissions = ctx.Services.GetRequiredService<PermissionService>();
        for (var round = 0; round < 20; round++)
        {
            var source = new PaletteSource();
            var starting = source.StartAsync(fx.Cache, permissions, session, []);
            if (round % 2 == 1) await Task.Yield(); // close at different moments of the start
            await source.DisposeAsync();
            await starting;
            Assert.Empty(source.Objects());
        }

        // Open and searched to the end, the same source lists the cluster's objects.
        var open = new PaletteSource();
        await open.StartAsync(fx.Cache, permissions, session, []);
        Assert.Contains(open.Objects(), o => o.Kind.Kind == "Node");
        await open.DisposeAsync();
        Assert.Empty(open.Objects());
    }
}
