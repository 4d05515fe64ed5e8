using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Core.Caching;
using Dashboard.Web.Components;
using Dashboard.Web.Frontend;
using Dashboard.Web.Security;
using Dashboard.Web.Session;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Radzen;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The dashboard as one object: configuration, services and the HTTP pipeline. <c>Program.cs</c> only runs it; tests
/// create it with <c>--urls http://127.0.0.1:0</c> and an emulator behind it, exactly as users run it.
/// </summary>
public sealed class DashboardWebApplication : IAsyncDisposable
{
    /// <summary>Where the dashboard listens when nothing else is configured.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    private readonly WebApplication _app;

    private DashboardWebApplication(WebApplication app) => _app = app;

    /// <summary>The application's services (tests reach the emulator and the cache through them).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The clusters this run shows, and the embedded emulator in demo mode.</summary>
    public ClusterConnections Clusters => _app.Services.GetRequiredService<ClusterConnections>();

    /// <summary>The addresses the server listens on, once started.</summary>
    public IReadOnlyList<Uri> Urls =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).ToList() ?? [];

    /// <summary>Builds the application from command-line arguments (and the environment); <paramref name="configure"/> lets tests adjust it.</summary>
    public static async Task<DashboardWebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            WebRootPath = FindWebRoot(),
            // Fixed, so that hosting in a test process still finds this app's static web assets manifest.
            ApplicationName = typeof(DashboardWebApplication).Assembly.GetName().Name,
        });
        // Container images set ASPNETCORE_HTTP_PORTS rather than URLS; either one means "the operator chose".
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"])
            && string.IsNullOrEmpty(builder.Configuration["HTTPS_PORTS"]))
            builder.WebHost.UseUrls(DefaultUrl);
        // Serve packages' assets (_content/Radzen.Blazor) when running from the build output in any environment;
        // a published app has them on disk and no manifest, which makes this a no-op.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");

        // The cluster connection is made before the host is built: demo mode must have its emulator running first.
        var pool = new KubeClientPool();
        using var startupLoggers = LoggerFactory.Create(l => l.AddJsonConsole().SetMinimumLevel(LogLevel.Warning));
        var clusters = await ClusterConnections.StartAsync(options, pool, startupLoggers).ConfigureAwait(false);
        AddServices(builder.Services, options, pool, clusters, builder.Environment.IsDevelopment());

        var app = builder.Build();
        ConfigurePipeline(app, options, clusters);
        return new DashboardWebApplication(app);
    }

    private static void AddServices(IServiceCollection services, DashboardOptions options, KubeClientPool pool, ClusterConnections clusters, bool detailedErrors)
    {
        services.AddSingleton(pool);
        services.AddSingleton(clusters);
        services.AddSingleton(sp => new ClusterCache(pool, new InformerOptions(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<Core.Telemetry.DashboardMetrics>()));
        services.AddSingleton(_ => new PermissionService(pool));
        services.AddSingleton(_ => new AuditLog());
        services.AddSingleton(sp => new ActionService(pool, sp.GetRequiredService<AuditLog>(), metrics: sp.GetRequiredService<Core.Telemetry.DashboardMetrics>()));
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<SignInValidator>();
        services.AddScoped<UserSession>();
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddLocalization();
        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = detailedErrors);
        services.AddRadzenComponents();
        services.AddCascadingAuthenticationState();
        services.AddDashboardAuthentication(options, clusters);
        services.AddSignInRateLimit(options);
        services.AddResourcePages();
        services.AddShell();
        services.AddWorkloadProjections();
        services.AddLogPages();
        services.AddYamlPages();
        services.AddFrontend();
        services.AddDashboardMetrics();
        services.AddRelationPages();
        services.AddObjectActions();
    }

    private static void ConfigurePipeline(WebApplication app, DashboardOptions options, ClusterConnections clusters)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseRequestLocalization(o =>
        {
            string[] cultures = ["en", "zh-CN"];
            o.SetDefaultCulture("en").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
        });
        app.UseDashboardStaticFiles(app.Environment);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapAccountEndpoints(clusters);
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapAuditExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    /// <summary>
    /// The repository's top-level wwwroot (theme CSS, bundled JS). A published app carries it beside the binary;
    /// from source it is found by walking up from the content root.
    /// </summary>
    private static string? FindWebRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "wwwroot");
                if (File.Exists(Path.Combine(candidate, "css", "app.css"))) return candidate;
            }
        }
        return null;
    }

    /// <summary>Starts listening.</summary>
    public Task StartAsync(CancellationToken ct = default) => _app.StartAsync(ct);

    /// <summary>Runs until shut down (Ctrl+C, SIGTERM).</summary>
    public Task RunAsync() => _app.RunAsync();

    /// <summary>Stops listening.</summary>
    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var clusters = Clusters;
        var pool = _app.Services.GetRequiredService<KubeClientPool>();
        await _app.DisposeAsync().ConfigureAwait(false);
        pool.Dispose();
        await clusters.DisposeAsync().ConfigureAwait(false);
    }

    internal static CultureInfo[] Cultures { get; } = [new("en"), new("zh-CN")];
}
