using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Web.Frontend;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Dashboard.Web.Session;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Radzen;

namespace Dashboard.Web.Tests;

/// <summary>
/// The demo cluster (emulator, time scaled down) with the dashboard's singletons over it: client pool, cache,
/// permissions, actions. Components under test get these real services, so they talk to a real API server.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public KubeClientPool Pool { get; } = new();
    public ClusterConnections Clusters { get; private set; } = null!;
    public ClusterCache Cache { get; private set; } = null!;
    public KubeEmulator Emulator => Clusters.Emulator!;

    public async Task InitializeAsync()
    {
        Clusters = await ClusterConnections.StartAsync(new DashboardOptions { Mode = DashboardMode.Demo, DemoTimeScale = 0.05 }, Pool, NullLoggerFactory.Instance);
        Cache = new ClusterCache(Pool, new InformerOptions { GracePeriod = TimeSpan.FromMilliseconds(200) });
    }

    /// <summary>A bUnit context signed in as a demo user, with the app's services.</summary>
    public BunitContext Context(string user = "admin", string? culture = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = ctx.Services;
        services.AddSingleton(Pool);
        services.AddSingleton(Clusters);
        services.AddSingleton(Cache);
        services.AddSingleton(new PermissionService(Pool));
        services.AddSingleton(new AuditLog());
        services.AddSingleton(sp => new ActionService(Pool, sp.GetRequiredService<AuditLog>()));
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<SignInValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<UserSession>();
        services.AddLogging();
        services.AddLocalization();
        services.AddMemoryCache();
        services.AddRadzenComponents();
        services.AddResourcePages();
        services.AddShell();
        services.AddWorkloadProjections();
        services.AddLogPages();
        services.AddYamlPages();
        services.AddFrontend(Frontend.FrontendTestAssets.WebRoot);
        services.AddRelationPages();
        services.AddObjectActions();
        var token = Clusters.DemoToken(user);
        var principal = DashboardClaims.Principal("test", Clusters.Default.Name, user, [], token);
        ctx.Services.GetRequiredService<UserSession>().Start(principal);
        if (culture is not null)
        {
            var c = new System.Globalization.CultureInfo(culture);
            System.Globalization.CultureInfo.CurrentCulture = c;
            System.Globalization.CultureInfo.CurrentUICulture = c;
        }
        return ctx;
    }

    public async Task DisposeAsync()
    {
        await Cache.DisposeAsync();
        Pool.Dispose();
        await Clusters.DisposeAsync();
    }
}
