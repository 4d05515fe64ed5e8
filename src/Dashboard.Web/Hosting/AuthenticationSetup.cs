using Microsoft.AspNetCore.DataProtection;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Dashboard.Core.Caching;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dashboard.Web.Hosting;

/// <summary>How users are recognised in each mode.</summary>
internal static class AuthenticationSetup
{
    /// <summary>The session cookie: the ticket (with the token) is encrypted by Data Protection.</summary>
    public const string CookieName = "dashboard-session";
    public const string SignInPath = "/account/signin";
    public const string SignInRateLimit = "signin";

    public static void AddDashboardAuthentication(this IServiceCollection services, DashboardOptions options, ClusterConnections clusters)
    {
        var scheme = options.TrustedProxy ? TrustedProxyHandler.SchemeName
            : clusters.Mode == DashboardMode.Kubeconfig ? LocalCredentialHandler.SchemeName
            : CookieAuthenticationDefaults.AuthenticationScheme;
        var protection = services.AddDataProtection().SetApplicationName("dashboard");
        if (options.DataProtectionKeys is { Length: > 0 } keys) protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddAuthorization();
        services.AddAuthentication(scheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = SignInPath;
                o.Events.OnValidatePrincipal = RejectEndedSessions;
            })
            .AddScheme<AuthenticationSchemeOptions, LocalCredentialHandler>(LocalCredentialHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, TrustedProxyHandler>(TrustedProxyHandler.SchemeName, null);
    }

    // A cookie outlives the credential inside it: once the API server said 401 (or the user signed out), the cookie
    // must not open the dashboard again.
    private static async Task RejectEndedSessions(CookieValidatePrincipalContext context)
    {
        var token = context.Principal?.FindFirstValue(DashboardClaims.Token);
        var cluster = context.Principal?.FindFirstValue(DashboardClaims.Cluster);
        if (token is null || cluster is null) return;
        var revocations = context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>();
        if (revocations.ReasonFor(cluster, InformerKey.IdentityOf(token)) is { } reason)
        {
            context.RejectPrincipal();
            context.HttpContext.Items[SessionEndedItem] = reason;
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    /// <summary>Where the cookie validation leaves why a session ended, for the sign-in redirect.</summary>
    public const string SessionEndedItem = "dashboard:session-ended";

    public static void AddSignInRateLimit(this IServiceCollection services, DashboardOptions options)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments(SignInPath)
                    ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("other"));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Redirect($"{SignInPath}?error={SignInFailure.TooManyAttempts}");
                return ValueTask.CompletedTask;
            };
        });
    }
}
