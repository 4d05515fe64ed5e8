using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Kubernetes.Config;

namespace Dashboard.Kubernetes.Client;

/// <summary>Server certificate validation against the cluster's own CA (not the system store), as kubeconfigs intend.</summary>
internal static class TlsTrust
{
    public static RemoteCertificateValidationCallback? Callback(KubeClientSettings settings)
    {
        if (settings.InsecureSkipTlsVerify) return (_, _, _, _) => true;
        if (settings.CertificateAuthorities.Count == 0 && settings.TlsServerName is null) return null;
        var roots = settings.CertificateAuthorities;
        var expectedName = settings.TlsServerName;
        return (_, certificate, _, errors) =>
        {
            if (certificate is null) return false;
            // A tls-server-name replaces the URL host in the name check; otherwise the platform's name check stands.
            if (expectedName is null && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
            using var cert = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            if (expectedName is not null && !cert.MatchesHostname(expectedName, allowWildcards: true, allowCommonName: false)) return false;
            if (roots.Count == 0) return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(cert);
        };
    }
}
