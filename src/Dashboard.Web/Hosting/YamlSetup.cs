using Dashboard.Core.Actions;
using Dashboard.Core.Caching;
using Dashboard.Core.Editing;

namespace Dashboard.Web.Hosting;

/// <summary>The YAML view, edit and create pages' services.</summary>
internal static class YamlSetup
{
    public static IServiceCollection AddYamlPages(this IServiceCollection services) =>
        services.AddSingleton(sp => new YamlEditor(sp.GetRequiredService<KubeClientPool>(), sp.GetRequiredService<ActionService>()));
}
