using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The YAML edit and create pages: the CodeMirror editor, the dry run / apply buttons, problems, the conflict dialog.</summary>
public sealed class YamlEditPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Opens a page by URL and waits for its editor.</summary>
    public async Task<YamlEditPage> OpenAsync(string url)
    {
        await Page.GotoAsync(url);
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await Editor.Locator(".cm-content").WaitForAsync();
        return this;
    }

    public ILocator Editor => Page.Locator(".code-editor");

    /// <summary>Replaces the editor's whole text, as a paste would.</summary>
    public async Task ReplaceTextAsync(string text)
    {
        await Editor.Locator(".cm-content").ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.InsertTextAsync(text);
    }

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Outcome => Page.Locator(".yaml-outcome");

    public ILocator Problems => Page.Locator("li.yaml-problem");

    public ILocator ConflictDialog => Page.GetByRole(AriaRole.Dialog, new() { Name = "Someone else changed this object" });

    /// <summary>Dry run, then apply once the server accepted the text.</summary>
    public async Task DryRunAndApplyAsync(string applyButton = "Apply")
    {
        await Button("Dry run").ClickAsync();
        await Assertions.Expect(Button(applyButton)).ToBeEnabledAsync();
        await Button(applyButton).ClickAsync();
    }

    public static Regex Matching(string pattern) => new(pattern);
}
