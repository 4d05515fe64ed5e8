using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Dashboard.E2E;

/// <summary>
/// The two modes without a sign-in form, over HTTP: a demo-mode app in trusted-proxy mode, and a kubeconfig-mode app
/// whose kubeconfig has two contexts on that app's emulator (an admin one and a viewer one).
/// </summary>
public sealed class HostModeFixture : IAsyncLifetime
{
    private string? _kubeconfigPath;

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
    }

    public async Task DisposeAsync()
    {
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
        var html = await ok.Content.ReadAsStringAsync();
        Assert.Contains("class=\"user-name\">viewer<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/pods\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/secrets\"", html, StringComparison.Ordinal);
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
        var cookies = new CookieContainer();
        var client = fx.Local.Client(cookies);
        Assert.Equal(["ctx-admin", "ctx-viewer"], fx.Local.App.Clusters.All.Select(c => c.Name));

        var signIn = await client.GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var home = await client.GetStringAsync("/");
        Assert.Contains("href=\"/secrets\"", home, StringComparison.Ordinal);

        // The context switcher's endpoint remembers the choice; the viewer context cannot list secrets.
        var switched = await client.GetAsync("/account/context?name=ctx-viewer&redirectUri=/pods");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/pods", switched.Headers.Location!.OriginalString);
        var asViewer = await client.GetStringAsync("/");
        Assert.Contains("href=\"/pods\"", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/secrets\"", asViewer, StringComparison.Ordinal);

        // An unknown context is ignored, and an open redirect is not possible.
        var unknown = await client.GetAsync("/account/context?name=nope&redirectUri=//evil.example");
        Assert.Equal("/", unknown.Headers.Location!.OriginalString);
        Assert.DoesNotContain("href=\"/secrets\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
