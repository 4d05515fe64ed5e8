using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The Ctrl+K command palette.</summary>
public sealed class PalettePage(IPage page)
{
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog, new() { Name = "Go to" });

    public ILocator Input => Dialog.GetByRole(AriaRole.Combobox);

    public ILocator Option(string title) => Dialog.GetByRole(AriaRole.Option).Filter(new() { Has = page.Locator(".palette-option-title", new() { HasTextString = title }) });

    /// <summary>Opens the palette with the keyboard shortcut, once the page has registered it.</summary>
    public async Task OpenAsync()
    {
        await page.Locator(".palette-trigger[data-shortcut=ready]").WaitForAsync();
        await page.Keyboard.PressAsync("Control+k");
        await Input.WaitForAsync();
    }

    /// <summary>Types a query, waits for an option and opens the selected one with Enter.</summary>
    public async Task GoAsync(string query, string expectedTitle)
    {
        await Input.FillAsync(query);
        await Assertions.Expect(Option(expectedTitle)).ToHaveAttributeAsync("aria-selected", "true");
        await Input.PressAsync("Enter");
    }
}
