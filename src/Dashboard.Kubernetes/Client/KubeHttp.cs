using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Dashboard.Kubernetes.Config;
using Polly;
using Polly.Retry;

namespace Dashboard.Kubernetes.Client;

/// <summary>
/// The transport under <see cref="KubeApiClient"/>: one pooled HttpClient per cluster connection, TLS against the
/// cluster CA, the credential stamped on each request, retries for 429/5xx, and failures turned into typed exceptions.
/// </summary>
internal sealed class KubeHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly KubeClientSettings _settings;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _writes;

    public KubeHttp(KubeClientSettings settings, HttpMessageHandler? handler)
    {
        _settings = settings;
        _http = new HttpClient(new MetricsHandler(handler ?? CreateHandler(settings), settings.Server.Authority), disposeHandler: true)
        {
            BaseAddress = settings.Server,
            Timeout = Timeout.InfiniteTimeSpan, // per request below; watches and log follows must not time out
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
        _idempotent = Pipeline(retryWithoutRetryAfter: true);
        _writes = Pipeline(retryWithoutRetryAfter: false);
    }

    public KubeClientSettings Settings => _settings;

    /// <summary>The handler: pooled connections, the cluster CA, the client certificate, the proxy.</summary>
    public static SocketsHttpHandler CreateHandler(KubeClientSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // No cap: over HTTP/1.1 every open watch and log follow holds a connection for as long as it lives, so a
            // cap turns "many open views" into requests that queue forever behind them.
            MaxConnectionsPerServer = int.MaxValue,
            AutomaticDecompression = DecompressionMethods.GZip,
            EnableMultipleHttp2Connections = true,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = TlsTrust.Callback(settings);
        if (settings.TlsServerName is not null) handler.SslOptions.TargetHost = settings.TlsServerName;
        if (settings.Credential.ClientCertificate is { } cert) handler.SslOptions.ClientCertificates = [cert];
        if (settings.Proxy is not null)
        {
            handler.Proxy = new WebProxy(settings.Proxy);
            handler.UseProxy = true;
        }
        return handler;
    }

    /// <summary>
    /// Sends a request built by <paramref name="build"/> (called again for each retry) and returns a successful response;
    /// non-2xx answers become <see cref="KubeApiException"/>, unreachable servers <see cref="KubeConnectionException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, HttpCompletionOption completion, bool streaming, CancellationToken ct)
    {
        var idempotent = false;
        var retriedAuth = false;
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                var probe = build();
                idempotent = probe.Method == HttpMethod.Get || probe.Method == HttpMethod.Head;
                probe.Dispose();
                var pipeline = idempotent ? _idempotent : _writes;
                response = await pipeline.ExecuteAsync(async token =>
                {
                    using var request = build();
                    await _settings.Credential.ApplyAsync(request, token).ConfigureAwait(false);
                    using var timeout = streaming ? null : CancellationTokenSource.CreateLinkedTokenSource(token);
                    timeout?.CancelAfter(_settings.RequestTimeout);
                    try
                    {
                        return await _http.SendAsync(request, completion, timeout?.Token ?? token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException e) when (!token.IsCancellationRequested)
                    {
                        throw new KubeConnectionException(KubeConnectionFailure.Timeout,
                            $"the API server at {_settings.Server} did not answer within {_settings.RequestTimeout.TotalSeconds:0} s", e);
                    }
                }, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw Explain(e);
            }
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && !retriedAuth)
                {
                    // The credential may have rotated (token file) or expired (exec plugin): refresh once.
                    retriedAuth = true;
                    _settings.Credential.Invalidate();
                    if (_settings.Credential is not Auth.BearerTokenCredential) continue;
                }
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                throw KubeApiException.FromResponse(response.StatusCode, response.ReasonPhrase, body, RetryAfter(response));
            }
        }
    }

    private KubeConnectionException Explain(HttpRequestException e)
    {
        var server = _settings.Server;
        if (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
            return new KubeConnectionException(KubeConnectionFailure.Tls,
                $"TLS with {server} failed: the server's certificate is not signed by the cluster's CA or does not name {server.Host} ({e.InnerException?.Message ?? e.Message})", e);
        if (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.ConnectionError && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            return new KubeConnectionException(KubeConnectionFailure.Refused,
                $"connection refused by {server}: no API server is listening there. Check the server address and that the cluster is running.", e);
        if (e.HttpRequestError == HttpRequestError.NameResolutionError || e.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
            return new KubeConnectionException(KubeConnectionFailure.NameResolution, $"the API server's host name {server.Host} does not resolve", e);
        return new KubeConnectionException(KubeConnectionFailure.Other, $"the connection to {server} failed: {e.Message}", e);
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } ra ? ra.Delta ?? (ra.Date is { } d ? d - DateTimeOffset.UtcNow : null) : null;

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(bool retryWithoutRetryAfter) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result: { } r } => ((int)r.StatusCode == 429 || (int)r.StatusCode >= 500)
                                         && (RetryAfter(r) is not null || retryWithoutRetryAfter),
                    // Only reads are retried when the connection failed: a write may have reached the server.
                    { Exception: HttpRequestException } => retryWithoutRetryAfter,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r && RetryAfter(r) is { } after
                    ? (TimeSpan?)TimeSpan.FromTicks(Math.Clamp(after.Ticks, 0, TimeSpan.FromSeconds(30).Ticks))
                    : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    public void Dispose() => _http.Dispose();
}
