using Dashboard.Kubernetes.Emulator;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// The dashboard in demo mode, in-process on a free port, with the embedded emulator behind it (time scaled down so
/// failures and restarts happen within seconds), and Debian's Chromium driven by Playwright (never downloaded).
/// One per test class; each test opens its own browser context (its own cookies).
/// </summary>
public class DashboardFixture : IAsyncLifetime
{
    /// <summary>Where the Debian package puts Chromium (test.sh installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public DashboardWebApplication App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public KubeEmulator Emulator => App.Clusters.Emulator!;

    /// <summary>Extra configuration (e.g. <c>--Dashboard:TrustedProxy=true</c>).</summary>
    protected virtual IEnumerable<string> ExtraArgs => [];

    public async Task InitializeAsync()
    {
        App = await DashboardWebApplication.CreateAsync(
            ["--urls", "http://127.0.0.1:0", "--Dashboard:Mode=Demo", "--Dashboard:DemoTimeScale=0.05", "--Logging:LogLevel:Default=Warning",
             // Every browser test signs in, all from 127.0.0.1: the production limit (10 a minute) would refuse a busy
             // class's later sign-ins. SignInSecurityTests checks the limit with a host of its own.
             "--Dashboard:SignInAttemptsPerMinute=1000", .. ExtraArgs],
            b => b.Environment.EnvironmentName = Environments.Development);
        // Expectations wait for live updates (a watch, a batch, a render); on a loaded 2-core machine 5 s is too short.
        Assertions.SetDefaultExpectTimeout(20_000);
        await App.StartAsync();
        BaseUrl = App.Urls[0];
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (no cookies) with a page on the dashboard.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null, ColorScheme? colorScheme = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = locale ?? "en-US",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(40_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
