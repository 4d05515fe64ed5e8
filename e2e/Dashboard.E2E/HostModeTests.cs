using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// The two modes without a sign-in form, over HTTP: a demo-mode app in trusted-proxy mode, and a kubeconfig-mode app
/// whose kubeconfig has two contexts on that app's emulator (an admin one and a viewer one).
/// </summary>
public sealed class HostModeFixture : IAsyncLifetime
{
    private string? _kubeconfigPath;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public HttpHost Proxy { get; private set; } = null!;
    public HttpHost Local { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Proxy = await HttpHost.StartAsync("--Dashboard:Mode=Demo", "--Dashboard:DemoTimeScale=0.05", "--Dashboard:TrustedProxy=true");
        var emulator = Proxy.App.Clusters.Emulator!;
        _kubeconfigPath = Path.Combine(Path.GetTempPath(), $"dashboard-e2e-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(_kubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: emulator
              cluster:
                server: {emulator.Url.ToString().TrimEnd('/')}
                certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(emulator.CaPem))}
            users:
            - name: admin
              user: {"{"}token: {emulator.AdminToken}{"}"}
            - name: viewer
              user: {"{"}token: {emulator.Context.Users.TokenOf("viewer")}{"}"}
            contexts:
            - name: ctx-admin
              context: {"{"}cluster: emulator, user: admin, namespace: shop{"}"}
            - name: ctx-viewer
              context: {"{"}cluster: emulator, user: viewer, namespace: shop{"}"}
            current-context: ctx-admin
            """);
        Local = await HttpHost.StartAsync("--Dashboard:Mode=Kubeconfig", $"--Dashboard:Kubeconfig={_kubeconfigPath}");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync(HttpHost host)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (Local is not null) await Local.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (_kubeconfigPath is not null) File.Delete(_kubeconfigPath);
    }
}

public sealed class HostModeTests(HostModeFixture fx) : IClassFixture<HostModeFixture>
{
    [Fact]
    public async Task Trusted_proxy_mode_signs_in_the_Authorization_header_and_refuses_a_bad_token()
    {
        var client = fx.Proxy.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fx.Proxy.App.Clusters.DemoToken("viewer"));
        var ok = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // The header's token was checked with the API server as the viewer (SelfSubjectReview).
        Assert.Contains(fx.Proxy.App.Clusters.Emulator!.Context.Requests.Entries, r => r.Resource == "selfsubjectreviews" && r.User == "viewer" && r.StatusCode is 200 or 201);
        // The proxy's header is the session: there is no cookie to steal and nothing to sign out of.
        Assert.False(ok.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("dashboard-session=", StringComparison.Ordinal)));

        var bad = fx.Proxy.Client();
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.Proxy.Client().GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Kubeconfig_mode_needs_no_sign_in_and_the_header_switches_context()
    {
        Assert.Equal(["ctx-admin", "ctx-viewer"], fx.Local.App.Clusters.All.Select(c => c.Name));
        var signIn = await fx.Local.Client().GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var page = await fx.NewPageAsync(fx.Local);
        await page.GotoAsync("/");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Secrets", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cluster-switcher")).ToContainTextAsync("ctx-admin");

        // The header's switcher goes through this endpoint; the viewer context cannot list secrets.
        await page.GotoAsync("/account/context?name=ctx-viewer&redirectUri=/pods");
        await page.WaitForURLAsync("**/pods");
        await Assertions.Expect(page.Locator(".cluster-switcher")).ToContainTextAsync("ctx-viewer");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Pods", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Secrets", Exact = true })).ToHaveCountAsync(0);
        Assert.Contains(fx.Proxy.App.Clusters.Emulator!.Context.Requests.Entries, r => r.User == "viewer" && r.Resource == "pods" && r.Verb is "list" or "watch");

        // An unknown context is ignored, and an open redirect is not possible.
        var unknown = await fx.Local.Client().GetAsync("/account/context?name=nope&redirectUri=//evil.example");
        Assert.Equal("/", unknown.Headers.Location!.OriginalString);
        Assert.False(unknown.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("dashboard-context=", StringComparison.Ordinal)));
    }
}
