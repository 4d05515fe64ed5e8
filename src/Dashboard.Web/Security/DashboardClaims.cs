using System.Security.Claims;

namespace Dashboard.Web.Security;

/// <summary>
/// The claims of a signed-in user. The bearer token travels only inside the Data Protection–encrypted, HttpOnly
/// cookie ticket (or the proxy's header): it is read on the server and never rendered.
/// </summary>
public static class DashboardClaims
{
    /// <summary>The cluster the user signed in to.</summary>
    public const string Cluster = "dashboard:cluster";
    /// <summary>The bearer token (server side only).</summary>
    public const string Token = "dashboard:token";
    /// <summary>One of the user's groups, as the API server reported them.</summary>
    public const string Group = "dashboard:group";

    /// <summary>Builds the principal of a user the API server recognised.</summary>
    public static ClaimsPrincipal Principal(string scheme, string cluster, string user, IEnumerable<string> groups, string? token)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user), new(Cluster, cluster) };
        claims.AddRange(groups.Select(g => new Claim(Group, g)));
        if (token is not null) claims.Add(new Claim(Token, token));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
