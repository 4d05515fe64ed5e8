using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>A detail page with its actions toolbar, action dialogs, diagnostics panel and notifications.</summary>
public sealed class ObjectPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Toolbar => Page.GetByRole(AriaRole.Toolbar, new() { Name = "Object actions" });

    public ILocator Dialog => Page.Locator(".rz-dialog");

    public ILocator Diagnostics => Page.GetByRole(AriaRole.Region, new() { Name = "Why is this not healthy" });

    public ILocator Finding(string code) => Diagnostics.Locator($".finding[data-code={code}]");

    public ILocator Notifications => Page.Locator(".rz-notification-item");

    public async Task<ObjectPage> OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.Locator(".informer-status[data-state=Live]").First.WaitForAsync();
        return this;
    }

    /// <summary>Clicks a toolbar action (by its id) and waits for its dialog when it has one.</summary>
    public async Task ActAsync(string id) => await Toolbar.Locator($"button[data-action={id}]").ClickAsync();

    public ILocator DialogButton(string text) => Dialog.GetByRole(AriaRole.Button, new() { Name = text, Exact = true });

    public Task ConfirmNameAsync(string name) => Dialog.GetByLabel("Name to confirm").FillAsync(name);

    /// <summary>Waits for the success notification of an action.</summary>
    public async Task ExpectDoneAsync(string title)
    {
        // An action's result (success or the error) is the first notification that names it.
        var first = Notifications.Filter(new() { HasText = title }).First;
        await Assertions.Expect(first).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(first).ToContainTextAsync(title + ": done");
    }
}
