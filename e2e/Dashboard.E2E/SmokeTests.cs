using Dashboard.E2E.Pages;
using Microsoft.Playwright;

namespace Dashboard.E2E;

public sealed class SmokeTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Admin_signs_in_and_sees_the_demo_pods_live()
    {
        var page = await fx.NewPageAsync();
        var shell = await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync("admin");
        var pods = await shell.OpenListAsync("Pods");
        var expected = fx.Emulator.Context.Store.Count(fx.Emulator.Context.Type("", "pods"));
        await Assertions.Expect(page.GetByTestId("list-count")).ToHaveTextAsync($"{expected} items");
        await Assertions.Expect(pods.Row(FirstPodName())).ToBeVisibleAsync();
    }

    private string FirstPodName()
    {
        var (items, _) = fx.Emulator.Context.Store.List(fx.Emulator.Context.Type("", "pods"), null);
        return items.Select(p => p.Name).Order(StringComparer.Ordinal).First();
    }
}
