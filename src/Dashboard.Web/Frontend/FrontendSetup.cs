using Dashboard.Core.Streams;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Columns;
using Dashboard.Web.Components.Details;
using Dashboard.Web.Resources;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace Dashboard.Web.Frontend;

/// <summary>Services of the browser-side widgets (terminal, editor, diff) and the terminal page.</summary>
internal static class FrontendSetup
{
    /// <summary>Registers the widgets' services; <paramref name="webRoot"/> replaces the host's web root (tests).</summary>
    public static IServiceCollection AddFrontend(this IServiceCollection services, IFileProvider? webRoot = null)
    {
        services.AddSingleton(sp => new FrontendModules(webRoot ?? sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));
        services.AddScoped<BrowserFiles>();
        // The logs area may register it too; one instance either way.
        services.TryAddSingleton<TerminalService>();
        services.AddSingleton(new DetailSection("shell", "ShellSection_Title", typeof(PodShellSection), 150, IsPod) { TitleResource = typeof(FrontendStrings) });
        return services;
    }

    private static bool IsPod(ResourceKind kind) => kind.Group.Length == 0 && kind.Kind == Pod.Resource.Kind;
}
