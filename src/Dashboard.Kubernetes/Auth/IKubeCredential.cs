using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Kubernetes.Auth;

/// <summary>
/// How requests prove who they are. Credentials stamp each request (so a rotated token is picked up without
/// rebuilding the client) and may supply a client certificate for the TLS handshake.
/// </summary>
public interface IKubeCredential
{
    /// <summary>Adds the Authorization header (or nothing, for certificate-only credentials).</summary>
    ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>The bearer token to use where headers cannot be set (WebSocket subprotocol), or null.</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>A client certificate with its private key, or null.</summary>
    X509Certificate2? ClientCertificate { get; }

    /// <summary>Called after a 401 so that cached material (exec plugin output, token file) is fetched again.</summary>
    void Invalidate();
}

/// <summary>A fixed bearer token (a signed-in user's, or a kubeconfig's <c>token</c>).</summary>
public sealed class BearerTokenCredential : IKubeCredential
{
    private readonly string _token;

    /// <summary>Creates the credential.</summary>
    public BearerTokenCredential(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token.Trim();
    }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(_token);

    /// <inheritdoc />
    public X509Certificate2? ClientCertificate => null;

    /// <inheritdoc />
    public void Invalidate() { }
}

/// <summary>
/// A bearer token read from a file and re-read when the file changes, like the projected ServiceAccount token that the
/// kubelet rotates in <c>/var/run/secrets/kubernetes.io/serviceaccount/token</c>.
/// </summary>
public sealed class TokenFileCredential : IKubeCredential
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly TimeSpan _checkInterval;
    private readonly object _gate = new();
    private string? _token;
    private DateTime _lastWrite;
    private DateTimeOffset _lastCheck;

    /// <summary>Creates the credential; the file is checked for changes at most every <paramref name="checkInterval"/> (default 1 s).</summary>
    public TokenFileCredential(string path, TimeSpan? checkInterval = null, TimeProvider? time = null)
    {
        _path = path;
        _time = time ?? TimeProvider.System;
        _checkInterval = checkInterval ?? TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    /// <inheritdoc />
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_token is null || now - _lastCheck >= _checkInterval)
            {
                _lastCheck = now;
                var info = new FileInfo(_path);
                if (!info.Exists)
                {
                    if (_token is null) throw new Config.KubeconfigException($"token file {_path} does not exist");
                }
                else if (_token is null || info.LastWriteTimeUtc != _lastWrite)
                {
                    _token = File.ReadAllText(_path).Trim();
                    _lastWrite = info.LastWriteTimeUtc;
                }
            }
            return ValueTask.FromResult<string?>(_token);
        }
    }

    /// <inheritdoc />
    public X509Certificate2? ClientCertificate => null;

    /// <inheritdoc />
    public void Invalidate()
    {
        lock (_gate) _lastCheck = DateTimeOffset.MinValue;
    }
}

/// <summary>A client certificate (TLS client authentication); no header.</summary>
public sealed class ClientCertificateCredential(X509Certificate2 certificate) : IKubeCredential
{
    /// <summary>Loads a certificate and key from PEM text.</summary>
    public static ClientCertificateCredential FromPem(string certificatePem, string keyPem)
    {
        using var pem = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        // Re-import so the private key is usable by SslStream on Linux.
        return new ClientCertificateCredential(X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null));
    }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <inheritdoc />
    public X509Certificate2? ClientCertificate { get; } = certificate;

    /// <inheritdoc />
    public void Invalidate() { }
}
