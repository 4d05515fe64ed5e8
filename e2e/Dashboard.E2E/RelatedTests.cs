using Dashboard.E2E.Pages;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>Following relations from page to page in a browser.</summary>
public sealed class RelatedTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task From_a_deployment_down_to_a_pod_and_back_up_its_owner_chain()
    {
        var page = await fx.NewPageAsync();
        await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        var related = new RelatedSectionPage(page);
        await related.OpenAsync("/ns/shop/deployments.apps/frontend");

        var (pods, _) = fx.Emulator.Context.Store.List(fx.Emulator.Context.Type("", "pods"), "shop");
        var pod = pods.Select(p => p.Name).Where(n => n.StartsWith("frontend-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        await Assertions.Expect(related.Link("Owns", pod)).ToBeVisibleAsync();
        await Assertions.Expect(related.Link("Scaled by", "frontend")).ToBeVisibleAsync();

        await related.Link("Owns", pod).ClickAsync();
        await page.WaitForURLAsync($"**/ns/shop/pods/{pod}");
        await Assertions.Expect(related.Link("Owned by", "frontend")).ToBeVisibleAsync();
        await Assertions.Expect(related.Link("Selected by", "frontend").First).ToBeVisibleAsync();
        await Assertions.Expect(related.Group("Uses")).ToContainTextAsync("frontend-config");

        await related.Link("Owned by", "frontend").ClickAsync();
        await page.WaitForURLAsync("**/ns/shop/deployments.apps/frontend");
        await Assertions.Expect(related.Link("Owns", pod)).ToBeVisibleAsync();
    }
}
