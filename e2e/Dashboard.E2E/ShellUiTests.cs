using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Dashboard.E2E.Pages;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Models;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>The acceptance in a real browser: sign-in, live lists across tabs, revocation, write controls, language, theme, palette, screenshots.</summary>
public sealed class ShellUiTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    private KubeApiClient Admin() => new(KubeClientSettingsLoader.Explicit(fx.Emulator.Url, fx.Emulator.AdminToken, fx.Emulator.CaPem));

    private async Task<ShellPage> SignInAsync(string user, IPage? page = null)
    {
        page ??= await fx.NewPageAsync();
        return await (await new SignInPage(page).OpenAsync()).AsDemoUserAsync(user);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("developer")]
    [InlineData("viewer")]
    public async Task Each_demo_user_can_sign_in(string user)
    {
        var shell = await SignInAsync(user);
        await Assertions.Expect(shell.Page.Locator(".user-menu .user-name")).ToHaveTextAsync(user);
        await Assertions.Expect(shell.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_bad_token_gets_a_clear_error()
    {
        var signIn = await new SignInPage(await fx.NewPageAsync()).OpenAsync();
        await signIn.SubmitTokenAsync("definitely-not-a-token");
        await Assertions.Expect(signIn.Error).ToContainTextAsync("The API server rejected this token (401 Unauthorized)");
        await Assertions.Expect(signIn.Page.GetByLabel("Token")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_resource_created_with_the_client_appears_in_a_list_open_in_another_tab()
    {
        var shell = await SignInAsync("admin");
        var list = new ResourceListPage(shell.Page);
        await list.OpenAsync("/configmaps?ns=data");
        var other = await shell.Page.Context.NewPageAsync();
        await other.GotoAsync("/");

        var name = "e2e-live-" + Guid.NewGuid().ToString("N")[..6];
        await Assertions.Expect(list.Row(name)).ToHaveCountAsync(0);
        using var admin = Admin();
        await admin.CreateAsync(ConfigMap.Resource, "data", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        await Assertions.Expect(list.Row(name)).ToBeVisibleAsync();
        Assert.NotNull(fx.Emulator.Context.Store.Get(fx.Emulator.Context.Type("", "configmaps"), "data", name));
    }

    [Fact]
    public async Task A_revoked_token_sends_the_user_back_to_sign_in_with_the_reason()
    {
        var token = fx.Emulator.Context.Users.Add("short-lived", "system:masters");
        var page = await fx.NewPageAsync();
        var signIn = await new SignInPage(page).OpenAsync();
        await signIn.SubmitTokenAsync(token);
        var shell = new ShellPage(page);
        await shell.WaitReadyAsync();
        await new ResourceListPage(page).OpenAsync("/pods?ns=shop");

        fx.Emulator.Context.Users.Revoke("short-lived");
        // The API server checks the token when a watch (re)connects: drop watches until the dashboard is told.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!page.Url.Contains("/account/signin", StringComparison.Ordinal))
        {
            stop.Token.ThrowIfCancellationRequested();
            fx.Emulator.Context.Store.DropAllWatches();
            await Task.Delay(250, stop.Token);
        }
        await Assertions.Expect(signIn.Reason).ToContainTextAsync("no longer accepts your token");
        await page.GotoAsync("/pods");
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_viewer_sees_no_write_controls_and_the_admin_does()
    {
        var name = "e2e-toolbar-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = Admin();
        await admin.CreateAsync(ConfigMap.Resource, "shop", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        var path = $"/ns/shop/configmaps/{name}";

        var viewer = await SignInAsync("viewer");
        var asViewer = new DetailsPage(viewer.Page);
        await asViewer.OpenAsync(path);
        await Assertions.Expect(asViewer.ReadOnlyNote).ToBeVisibleAsync();
        await Assertions.Expect(asViewer.WriteButtons).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);

        var shell = await SignInAsync("admin");
        var asAdmin = new DetailsPage(shell.Page);
        await asAdmin.OpenAsync(path);
        await Assertions.Expect(asAdmin.Toolbar.GetByRole(AriaRole.Button, new() { Name = "Edit labels" })).ToBeEnabledAsync();
        await asAdmin.Toolbar.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = shell.Page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[name=propagation][value=Orphan]").CheckAsync();
        await dialog.GetByLabel("Name to confirm").FillAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await shell.Page.WaitForURLAsync("**/configmaps?ns=shop");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (fx.Emulator.Context.Store.Get(fx.Emulator.Context.Type("", "configmaps"), "shop", name) is not null) await Task.Delay(50, stop.Token);
        Assert.Contains(fx.Emulator.Context.Requests.Entries, r => r.Verb == "delete" && r.User == "admin" && r.Path.EndsWith("/configmaps/" + name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_language_switch_the_dark_theme_and_the_palette_work()
    {
        var name = "e2e-palette-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = Admin();
        await admin.CreateAsync(ConfigMap.Resource, "payments", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        var shell = await SignInAsync("admin");
        var page = shell.Page;

        var palette = new PalettePage(page);
        await palette.OpenAsync();
        // A modal dialog keeps the keyboard: Tab and Shift+Tab do not leave for the page behind it.
        await palette.Input.PressAsync("Tab");
        await Assertions.Expect(palette.Input).ToBeFocusedAsync();
        await palette.Input.PressAsync("Shift+Tab");
        await Assertions.Expect(palette.Input).ToBeFocusedAsync();
        await palette.GoAsync(name, name);
        await page.WaitForURLAsync($"**/ns/payments/configmaps/{name}");
        await Assertions.Expect(new DetailsPage(page).Heading).ToContainTextAsync(name);
        await Assertions.Expect(palette.Dialog).ToHaveCountAsync(0);

        await palette.OpenAsync();
        await palette.GoAsync("deploy", "Deployments");
        await page.WaitForURLAsync("**/deployments.apps");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).ClickAsync();
        await Assertions.Expect(page.Locator("link[href*='material-dark']")).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await shell.WaitReadyAsync();
        await Assertions.Expect(page.Locator("link[href*='material-dark']")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = "简体中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })).ToContainTextAsync("工作负载");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Deployment");
    }

    [Fact]
    public async Task Screenshots_of_the_overview_a_list_and_a_detail_page_in_both_themes()
    {
        var dir = ScreenshotDir();
        Directory.CreateDirectory(dir);
        var shell = await SignInAsync("admin");
        var page = shell.Page;
        var pod = fx.Emulator.Context.Store.List(fx.Emulator.Context.Type("", "pods"), "shop").Items.Select(p => p.Name).Order(StringComparer.Ordinal).First();
        var written = new List<string>();
        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).ClickAsync();
                await Assertions.Expect(page.Locator("link[href*='material-dark']")).ToHaveCountAsync(1);
            }
            await page.GotoAsync("/");
            await shell.WaitReadyAsync();
            await page.Locator(".overview-grid").WaitForAsync();
            written.Add(await ShotAsync(page, dir, $"overview-{theme}.png"));

            await new ResourceListPage(page).OpenAsync("/pods?ns=shop");
            written.Add(await ShotAsync(page, dir, $"list-{theme}.png"));

            await page.GotoAsync($"/ns/shop/pods/{pod}");
            await page.Locator("[data-section=metadata]").WaitForAsync();
            written.Add(await ShotAsync(page, dir, $"details-{theme}.png"));
        }
        Assert.All(written, f => Assert.True(new FileInfo(f).Length > 20_000, $"{f} is suspiciously small"));
    }

    private static async Task<string> ShotAsync(IPage page, string dir, string file)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var path = Path.Combine(dir, file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    // The suite writes to artifacts/ so that a test run leaves the checkout clean; DASHBOARD_UPDATE_SCREENSHOTS=1
    // refreshes the committed images in docs/screenshots.
    private static string ScreenshotDir([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..",
            Environment.GetEnvironmentVariable("DASHBOARD_UPDATE_SCREENSHOTS") == "1" ? "docs/screenshots" : "artifacts/screenshots"));
}
