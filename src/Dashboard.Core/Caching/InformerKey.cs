using System.Security.Cryptography;
using System.Text;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Caching;

/// <summary>
/// What one informer watches, and for whom: cluster, identity (a hash of the credential, so two users never share
/// an entry), kind, namespace (null for all), label selector and field selector (both evaluated by the API server).
/// </summary>
public sealed record InformerKey(string Cluster, string Identity, ResourceKind Kind, string? Namespace = null, string? LabelSelector = null, string? FieldSelector = null)
{
    /// <summary>The identity string for a bearer token: a SHA-256 prefix, never the token itself.</summary>
    public static string IdentityOf(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32].ToLowerInvariant();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind.QualifiedName} in {Namespace ?? "all namespaces"}{(string.IsNullOrEmpty(LabelSelector) ? "" : $" [{LabelSelector}]")}{(string.IsNullOrEmpty(FieldSelector) ? "" : $" [{FieldSelector}]")} on {Cluster} as {Identity[..Math.Min(8, Identity.Length)]}";
}
