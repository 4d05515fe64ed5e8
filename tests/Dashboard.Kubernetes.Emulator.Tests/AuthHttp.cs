using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Raw HTTPS calls to an emulator, trusting only its CA, for wire details kubectl hides.</summary>
internal static class AuthHttp
{
    public static HttpClient Client(KubeEmulator emulator, string? token)
    {
        var ca = emulator.CaCertificate;
#pragma warning disable CA2000 // The handler is owned and disposed by the HttpClient.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
            {
                if (cert is null || chain is null) return false;
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert);
            },
        };
#pragma warning restore CA2000
        var client = new HttpClient(handler) { BaseAddress = emulator.Url };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<(int Code, string Body)> Send(HttpClient client, HttpMethod method, string path, JsonNode? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        foreach (var (n, v) in headers) request.Headers.TryAddWithoutValidation(n, v);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
