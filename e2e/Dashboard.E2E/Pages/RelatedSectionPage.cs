using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The Related section of a detail page.</summary>
public sealed class RelatedSectionPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Region => Page.GetByRole(AriaRole.Region, new() { Name = "Related", Exact = true });

    /// <summary>A relation group by its visible title (e.g. "Owned by", "Owns").</summary>
    public ILocator Group(string title) => Region.Locator(".related-group").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + title + " \\(") }) });

    public ILocator Link(string group, string name) => Group(group).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await Region.Locator(".related-group").First.WaitForAsync();
    }
}
