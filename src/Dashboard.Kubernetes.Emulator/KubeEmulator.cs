using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Scenarios;
using Dashboard.Kubernetes.Emulator.Server;
using Dashboard.Kubernetes.Emulator.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Kubernetes.Emulator;

/// <summary>
/// A running Kubernetes API emulator: an HTTPS server on loopback that kubectl and our client accept as a cluster,
/// with its CA, its users' tokens, and handles on storage, time, faults and the request log for tests.
/// </summary>
public sealed class KubeEmulator : IAsyncDisposable
{
    /// <summary>The static admin user (member of system:masters).</summary>
    public const string AdminUser = "admin";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _controllers = [];

    private KubeEmulator(WebApplication app, EmulatorContext context, X509Certificate2 ca, Uri url)
    {
        _app = app;
        Context = context;
        CaCertificate = ca;
        Url = url;
    }

    /// <summary>Everything inside: storage, API, users, faults, request log, clock.</summary>
    public EmulatorContext Context { get; }
    /// <summary>The https URL of the API server.</summary>
    public Uri Url { get; }
    /// <summary>The CA that signed the serving certificate.</summary>
    public X509Certificate2 CaCertificate { get; }
    /// <summary>The CA as PEM text.</summary>
    public string CaPem => CertificateFactory.ToPem(CaCertificate);
    /// <summary>The admin's bearer token.</summary>
    public string AdminToken => Context.Users.TokenOf(AdminUser);

    /// <summary>Starts an emulator.</summary>
    public static async Task<KubeEmulator> StartAsync(EmulatorOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var context = new EmulatorContext(options, loggerFactory);
        // The CA exists before bootstrap so that kube-root-ca.crt ConfigMaps can carry it.
        var (ca, serverCert) = CertificateFactory.Create(options.ExtraCertificateNames);
        context.CaPem = CertificateFactory.ToPem(ca);
        foreach (var module in EmulatorModules.All()) module.Register(context);
        context.Users.Add(AdminUser, "system:masters");
        Bootstrap.Load(context);
        ScenarioCatalog.Get(options.Scenario).Load(context);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            k.Listen(options.Listen, l =>
            {
                // HTTP/1.1 only: exec WebSockets need it, and Go clients fall back to it without fuss.
                l.Protocols = HttpProtocols.Http1;
                l.UseHttps(serverCert);
            });
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        var dispatcher = new ApiDispatcher(context);
        context.Dispatcher = dispatcher;
        app.Run(dispatcher.InvokeAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        var host = options.Listen.Address.Equals(IPAddress.Any) || options.Listen.Address.Equals(IPAddress.IPv6Any)
            ? "127.0.0.1" : options.Listen.Address.ToString();
        if (host.Contains(':', StringComparison.Ordinal)) host = $"[{host}]";
        var emulator = new KubeEmulator(app, context, ca, new Uri($"https://{host}:{port}"));
        if (options.RunControllers) emulator.StartControllers();
        return emulator;
    }

    private void StartControllers()
    {
        foreach (var controller in Context.Controllers)
            _controllers.Add(Task.Run(() => controller.RunAsync(_stopping.Token)));
    }

    /// <summary>A kubeconfig (YAML) for a user of this emulator.</summary>
    public string Kubeconfig(string? token = null, string contextName = "emulator", string? ns = null)
    {
        token ??= AdminToken;
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(CaPem));
        var sb = new StringBuilder();
        sb.AppendLine("apiVersion: v1");
        sb.AppendLine("kind: Config");
        sb.AppendLine("clusters:");
        sb.AppendLine("- name: emulator");
        sb.AppendLine("  cluster:");
        sb.AppendLine($"    server: {Url.ToString().TrimEnd('/')}");
        sb.AppendLine($"    certificate-authority-data: {ca}");
        sb.AppendLine("users:");
        sb.AppendLine($"- name: {contextName}-user");
        sb.AppendLine("  user:");
        sb.AppendLine($"    token: {token}");
        sb.AppendLine("contexts:");
        sb.AppendLine($"- name: {contextName}");
        sb.AppendLine("  context:");
        sb.AppendLine("    cluster: emulator");
        sb.AppendLine($"    user: {contextName}-user");
        if (ns is not null) sb.AppendLine($"    namespace: {ns}");
        sb.AppendLine($"current-context: {contextName}");
        return sb.ToString();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Context.Store.DropAllWatches();
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
        try { await Task.WhenAll(_controllers).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
