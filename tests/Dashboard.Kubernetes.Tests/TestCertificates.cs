using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Kubernetes.Tests;

internal static class TestCertificates
{
    public static string CaPem { get; } = Create();

    private static string Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=test-ca", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return cert.ExportCertificatePem();
    }
}
