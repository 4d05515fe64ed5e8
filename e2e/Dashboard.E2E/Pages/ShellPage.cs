using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The signed-in shell: header, navigation and the current page.</summary>
public sealed class ShellPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

    /// <summary>Waits until the circuit is up and the navigation rendered (interactive).</summary>
    public async Task WaitReadyAsync()
    {
        await Navigation.WaitForAsync();
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined");
    }

    /// <summary>Opens a kind's list from the navigation.</summary>
    public async Task<ResourceListPage> OpenListAsync(string title)
    {
        await Navigation.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        var list = new ResourceListPage(Page);
        await list.WaitLiveAsync();
        return list;
    }
}
