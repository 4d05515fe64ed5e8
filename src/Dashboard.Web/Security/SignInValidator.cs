using System.Net;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Client;
using Dashboard.Web.Hosting;

namespace Dashboard.Web.Security;

/// <summary>Why a token was refused, in words for the sign-in page (resource keys of <c>Strings</c>).</summary>
public enum SignInFailure
{
    /// <summary>Nothing was entered.</summary>
    Empty,
    /// <summary>The API server answered 401.</summary>
    Rejected,
    /// <summary>The API server could not be reached.</summary>
    Unreachable,
    /// <summary>Too many attempts from this address.</summary>
    TooManyAttempts,
}

/// <summary>The outcome of checking a token with SelfSubjectReview.</summary>
public sealed record SignInCheck(string? User, IReadOnlyList<string> Groups, SignInFailure? Failure, string? Detail)
{
    /// <summary>True when the API server recognised the token.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>Checks a bearer token against the API server (SelfSubjectReview) before anyone is signed in with it.</summary>
public sealed class SignInValidator(KubeClientPool pool, SessionRevocations revocations, ILogger<SignInValidator> log)
{
    /// <summary>Asks the cluster who the token belongs to.</summary>
    public async Task<SignInCheck> CheckAsync(ClusterConnection cluster, string? token, CancellationToken ct = default)
    {
        token = token?.Trim();
        if (string.IsNullOrEmpty(token)) return new SignInCheck(null, [], SignInFailure.Empty, null);
        var identity = pool.SignIn(cluster.Name, token);
        try
        {
            var who = await pool.Get(cluster.Name, identity).WhoAmIAsync(ct).ConfigureAwait(false);
            revocations.Clear(cluster.Name, identity);
            return new SignInCheck(who.Username, who.Groups, null, null);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            pool.Forget(cluster.Name, identity);
            return new SignInCheck(null, [], SignInFailure.Rejected, e.Message);
        }
        catch (Exception e) when (e is KubeConnectionException or HttpRequestException or TaskCanceledException)
        {
            pool.Forget(cluster.Name, identity);
            log.LogWarning(e, "sign-in: cluster {Cluster} unreachable", cluster.Name);
            return new SignInCheck(null, [], SignInFailure.Unreachable, e.Message);
        }
    }
}
