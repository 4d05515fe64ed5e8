using System.Net;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Models;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.E2E;

/// <summary>One demo-mode app, driven over HTTP: cookie flags, the token's whereabouts, antiforgery, rate limit, headers.</summary>
public sealed class SignInSecurityFixture : IAsyncLifetime
{
    public HttpHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HttpHost.StartAsync("--Dashboard:Mode=Demo", "--Dashboard:DemoTimeScale=0.05", "--Dashboard:SignInAttemptsPerMinute=5");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SignInSecurityTests(SignInSecurityFixture fx) : IClassFixture<SignInSecurityFixture>
{
    private HttpHost Host => fx.Host;

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private async Task<(HttpClient Client, CookieContainer Cookies, HttpResponseMessage Response)> SignInAsync(string demoUser, IPAddress from)
    {
        var cookies = new CookieContainer();
        var client = Host.Client(cookies, from);
        var page = await client.GetStringAsync("/account/signin");
        var response = await client.PostAsync("/account/signin", Form(("_handler", "demo"), ("__RequestVerificationToken", HttpHost.AntiforgeryToken(page)), ("Input.DemoUser", demoUser)));
        return (client, cookies, response);
    }

    [Fact]
    public async Task Signing_in_sets_an_HttpOnly_SameSite_Strict_cookie_and_the_token_never_reaches_the_page()
    {
        var (client, _, response) = await SignInAsync("developer", IPAddress.Parse("127.0.0.11"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here; the policy makes the cookie Secure whenever the request came over TLS.
        Assert.DoesNotContain(session.Split(';').Skip(1), a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
        var options = Host.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest, options.Cookie.SecurePolicy);

        var token = Host.App.Clusters.DemoToken("developer");
        Assert.DoesNotContain(token, session, StringComparison.Ordinal);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join('\n', home.Headers.Concat(home.Content.Headers).SelectMany(h => h.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = Host.Client(from: IPAddress.Parse("127.0.0.12"));
        var response = await client.PostAsync("/account/signin", Form(("_handler", "demo"), ("Input.DemoUser", "admin")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("dashboard-session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_token_gets_a_clear_error_and_is_not_echoed()
    {
        var client = Host.Client(from: IPAddress.Parse("127.0.0.13"));
        var page = await client.GetStringAsync("/account/signin");
        var response = await client.PostAsync("/account/signin", Form(("_handler", "token"), ("__RequestVerificationToken", HttpHost.AntiforgeryToken(page)), ("Input.Token", "not-a-real-token-123")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The API server rejected this token (401 Unauthorized)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token-123", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_attempts_from_one_address_are_refused_with_a_message()
    {
        var client = Host.Client(from: IPAddress.Parse("127.0.0.14"));
        var outcomes = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) outcomes.Add(await client.PostAsync("/account/signin", Form(("_handler", "token"), ("Input.Token", "x"))));
        Assert.All(outcomes.Take(5), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var refused = outcomes[5];
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/signin?error=TooManyAttempts", refused.Headers.Location!.OriginalString);
        var html = await client.GetStringAsync(refused.Headers.Location);
        Assert.Contains("Too many sign-in attempts", html, StringComparison.Ordinal);

        // Another address is not affected.
        var other = Host.Client(from: IPAddress.Parse("127.0.0.15"));
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsync("/account/signin", Form(("_handler", "token"), ("Input.Token", "x")))).StatusCode);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/healthz")]
    [InlineData("/css/app.css")]
    [InlineData("/js/palette.js")]
    [InlineData("/")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await Host.Client(from: IPAddress.Parse("127.0.0.16")).GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_stops_the_identitys_informers_and_ends_the_cookie()
    {
        var (client, _, response) = await SignInAsync("viewer", IPAddress.Parse("127.0.0.17"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Pages are not prerendered, so the antiforgery token for this (signed-in) user comes from the sign-in page's form.
        var home = await client.GetStringAsync("/account/signin");

        var cluster = Host.App.Clusters.Default.Name;
        var pool = Host.App.Services.GetRequiredService<KubeClientPool>();
        var cache = Host.App.Services.GetRequiredService<ClusterCache>();
        var identity = InformerKey.IdentityOf(Host.App.Clusters.DemoToken("viewer"));
        Assert.Equal(identity, pool.SignIn(cluster, Host.App.Clusters.DemoToken("viewer")));
        await using var subscription = await cache.SubscribeAsync(new InformerKey(cluster, identity, ConfigMap.Resource, "shop", null, null));
        Assert.Contains(cache.ActiveKeys, k => k.Identity == identity);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/account/signout", Form())).StatusCode);
        Assert.Contains(cache.ActiveKeys, k => k.Identity == identity);

        var signOut = await client.PostAsync("/account/signout", Form(("__RequestVerificationToken", HttpHost.AntiforgeryToken(home))));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/signin?reason=SignedOut", signOut.Headers.Location!.OriginalString);
        await Eventually(() => !cache.ActiveKeys.Any(k => k.Identity == identity));

        // The old cookie no longer opens the dashboard.
        var again = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/account/signin", again.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            cts.Token.ThrowIfCancellationRequested();
            await Task.Delay(50, cts.Token);
        }
    }
}
