using System.Security.Claims;
using Dashboard.Core.Caching;
using Microsoft.AspNetCore.Antiforgery;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Web.Hosting;

/// <summary>Sign-out, language and context switches: plain HTTP endpoints, because they set cookies.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app, ClusterConnections clusters)
    {
        // Sign-out ends every session of this credential and stops its watches; it is a POST with an antiforgery token.
        app.MapPost("/account/signout", async (HttpContext http, SessionRevocations revocations, IAntiforgery antiforgery) =>
        {
            // The endpoint binds no form, so the antiforgery middleware would not refuse it by itself.
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return Results.BadRequest();
            var token = http.User.FindFirstValue(DashboardClaims.Token);
            var cluster = http.User.FindFirstValue(DashboardClaims.Cluster);
            if (token is not null && cluster is not null) revocations.End(cluster, InformerKey.IdentityOf(token), SessionEndReason.SignedOut);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.LocalRedirect(AuthenticationSetup.SignInPath + "?reason=" + SessionEndReason.SignedOut);
        });

        app.MapGet("/account/culture", (HttpContext http, string culture, string? redirectUri) =>
        {
            if (DashboardWebApplication.Cultures.Any(c => c.Name == culture))
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            }
            return Results.LocalRedirect(SafeLocal(redirectUri));
        });

        app.MapGet("/account/context", (HttpContext http, string name, string? redirectUri) =>
        {
            if (clusters.Mode == DashboardMode.Kubeconfig && clusters.All.Any(c => c.Name == name))
                http.Response.Cookies.Append(LocalCredentialHandler.ContextCookie, name,
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Strict, HttpOnly = true, IsEssential = true });
            return Results.LocalRedirect(SafeLocal(redirectUri));
        });
    }

    /// <summary>Only local paths: an open redirect would let another site bounce users through ours.</summary>
    public static string SafeLocal(string? uri) =>
        string.IsNullOrEmpty(uri) || !uri.StartsWith('/') || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal) ? "/" : uri;
}
