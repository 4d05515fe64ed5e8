using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The pod terminal page: its toolbar, status line and the xterm.js screen.</summary>
public sealed class TerminalPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Status => Page.GetByTestId("terminal-status");
    public ILocator Problem => Page.GetByTestId("terminal-problem");
    public ILocator Connect => Page.GetByTestId("terminal-connect");
    public ILocator Screen => Page.Locator(".terminal-page-view .xterm-rows");

    public async Task<TerminalPage> OpenAsync(string ns, string pod, string? query = null)
    {
        await Page.GotoAsync($"/ns/{ns}/pods/{pod}/terminal{query}");
        await Page.Locator(".terminal-page-view[data-ready=true]").WaitForAsync();
        return this;
    }

    /// <summary>Waits for the session to be up (status "connected").</summary>
    public Task WaitConnectedAsync() => Page.Locator("[data-testid=terminal-status][data-state=connected]").WaitForAsync();

    /// <summary>Types a line into the terminal as a user would (focus, keys, Enter).</summary>
    public async Task TypeLineAsync(string text)
    {
        await Page.Locator(".terminal-page-view .xterm").ClickAsync();
        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Screen rows whose whole text matches the pattern (xterm pads rows with spaces).</summary>
    public ILocator RowsMatching(string pattern) =>
        Screen.Locator(":scope > div").Filter(new() { HasTextRegex = new Regex("^\\s*" + pattern + "\\s*$") });
}
