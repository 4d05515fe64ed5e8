using Dashboard.Web.Columns;
using Dashboard.Web.Components.Details;
using Dashboard.Web.Navigation;
using Dashboard.Web.Session;

namespace Dashboard.Web.Hosting;

/// <summary>The generic resource framework: registries, per-circuit state and the sections every detail page has.</summary>
internal static class ResourcePagesSetup
{

    public static IServiceCollection AddResourcePages(this IServiceCollection services)
    {
        services.AddSingleton<KindCatalog>();
        services.AddSingleton<ColumnRegistry>();
        services.AddScoped<NamespaceState>();
        services.AddScoped<UiClock>();
        static bool Any(Kubernetes.Models.ResourceKind _) => true;
        services.AddSingleton(new DetailSection("metadata", "Details_Metadata", typeof(MetadataSection), 100, Any));
        services.AddSingleton(new DetailSection("conditions", "Details_Conditions", typeof(ConditionsSection), 200, Any));
        services.AddSingleton(new DetailSection("events", "Details_Events", typeof(EventsSection), 900, Any));
        services.AddSingleton(new DetailSection("yaml", "Details_Yaml", typeof(YamlSection), 1000, Any));
        return services;
    }
}
