using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The generic detail page of one object.</summary>
public sealed class DetailsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Toolbar => page.GetByRole(AriaRole.Toolbar, new() { Name = "Object actions" });

    public ILocator WriteButtons => page.Locator("[data-section=actions] button");

    public ILocator ReadOnlyNote => page.Locator(".toolbar-readonly");

    public Task OpenAsync(string path) => page.GotoAsync(path);
}
