using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Hosting;

namespace Dashboard.E2E;

/// <summary>The dashboard in process on a free port, driven with plain HTTP (no browser): for the host's security rules.</summary>
public sealed class HttpHost : IAsyncDisposable
{
    private HttpHost(DashboardWebApplication app) => App = app;

    public DashboardWebApplication App { get; }

    public Uri BaseUrl => App.Urls[0];

    public static async Task<HttpHost> StartAsync(params string[] args)
    {
        var app = await DashboardWebApplication.CreateAsync(["--urls", "http://127.0.0.1:0", .. args], b => b.Environment.EnvironmentName = Environments.Production);
        await app.StartAsync();
        return new HttpHost(app);
    }

    /// <summary>A client with its own cookie jar that does not follow redirects; <paramref name="from"/> picks the local address (another rate-limit partition).</summary>
    public HttpClient Client(CookieContainer? cookies = null, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return new HttpClient(handler) { BaseAddress = BaseUrl };
    }

    /// <summary>The antiforgery token of the first form in a page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var input = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>");
        Assert.True(input.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
