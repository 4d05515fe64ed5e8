using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>A generic live list page.</summary>
public sealed class ResourceListPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Status => Page.GetByRole(AriaRole.Status).Filter(new() { Has = Page.Locator(".informer-dot") });

    public ILocator Grid => Page.GetByRole(AriaRole.Grid);

    public ILocator Row(string name) => Grid.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitLiveAsync();
    }

    public Task WaitLiveAsync() => Page.Locator(".informer-status[data-state=Live]").First.WaitForAsync();

    public async Task FilterAsync(string text) => await Page.GetByLabel("Filter by name").FillAsync(text);
}
