using System.Text.Encodings.Web;
using Dashboard.Core.Caching;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Trusted-proxy mode: an authenticating proxy (oauth2-proxy with <c>--pass-authorization-header</c>) puts the user's
/// bearer token in <c>Authorization</c> on every request. The token is checked with SelfSubjectReview once per minute.
/// </summary>
public sealed class TrustedProxyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ClusterConnections clusters, SignInValidator validator, SessionRevocations revocations, IMemoryCache seen)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "TrustedProxy";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        var cluster = clusters.Default;
        var identity = InformerKey.IdentityOf(token);
        if (revocations.ReasonFor(cluster.Name, identity) is not null) return AuthenticateResult.Fail("the token was rejected by the API server");
        var check = await seen.GetOrCreateAsync((SchemeName, identity), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await validator.CheckAsync(cluster, token, Context.RequestAborted).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (check is null || !check.Succeeded) return AuthenticateResult.Fail(check?.Detail ?? "the token was rejected");
        var principal = DashboardClaims.Principal(SchemeName, cluster.Name, check.User!, check.Groups, token);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
