using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The sign-in page, found by roles and visible text.</summary>
public sealed class SignInPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task<SignInPage> OpenAsync()
    {
        await Page.GotoAsync("/account/signin");
        return this;
    }

    /// <summary>Signs in as a demo user and waits for the interactive shell.</summary>
    public async Task<ShellPage> AsDemoUserAsync(string user)
    {
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + user + " ") }).ClickAsync();
        var shell = new ShellPage(Page);
        await shell.WaitReadyAsync();
        return shell;
    }

    /// <summary>Submits a token.</summary>
    public async Task SubmitTokenAsync(string token)
    {
        await Page.GetByLabel("Token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public ILocator Error => Page.GetByRole(AriaRole.Alert);
    public ILocator Reason => Page.Locator(".signin-reason");
}
