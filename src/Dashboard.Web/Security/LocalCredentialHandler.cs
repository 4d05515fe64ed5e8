using System.Text.Encodings.Web;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Kubeconfig mode: whoever can open the dashboard acts with the kubeconfig's own credential (a desktop tool, like
/// Lens), so everyone is "signed in" to the context chosen in the header (kept in a plain cookie; it is not a secret).
/// </summary>
public sealed class LocalCredentialHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ClusterConnections clusters)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Kubeconfig";
    /// <summary>The cookie that remembers the chosen context.</summary>
    public const string ContextCookie = "dashboard-context";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var cluster = clusters.Find(Request.Cookies[ContextCookie]);
        var principal = DashboardClaims.Principal(SchemeName, cluster.Name, "kubeconfig", [], token: null);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
