using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>A plain HttpClient that trusts the emulator's CA only: for protocol tests below what kubectl shows.</summary>
public sealed class RawApi : IDisposable
{
    private readonly HttpClient _http;

    public RawApi(KubeEmulator emulator, string? token = null)
    {
        var ca = emulator.CaCertificate;
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    if (cert is null) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert));
                },
            },
        };
        _http = new HttpClient(handler) { BaseAddress = emulator.Url, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? emulator.AdminToken);
    }

    public HttpClient Http => _http;

    public async Task<(int Code, JsonNode? Body)> Send(HttpMethod method, string path, object? body = null, string contentType = "application/json", string? accept = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (body is not null)
            req.Content = new StringContent(body is string s ? s : ((JsonNode)body).ToJsonString(), Encoding.UTF8, contentType);
        if (req.Content is not null) req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null) req.Headers.TryAddWithoutValidation("Accept", accept);
        using var resp = await _http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        return ((int)resp.StatusCode, text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonNode.Parse(text) : JsonValue.Create(text));
    }

    public Task<(int Code, JsonNode? Body)> Get(string path, string? accept = null) => Send(HttpMethod.Get, path, accept: accept);

    public Task<(int Code, JsonNode? Body)> Post(string path, JsonNode body) => Send(HttpMethod.Post, path, body);

    /// <summary>Opens a watch and yields its lines as JSON until the stream ends or the token fires.</summary>
    public async IAsyncEnumerable<JsonObject> Watch(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        using var resp = await _http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, ct);
        resp.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.Length > 0) yield return (JsonObject)JsonNode.Parse(line)!;
    }

    public void Dispose() => _http.Dispose();
}
