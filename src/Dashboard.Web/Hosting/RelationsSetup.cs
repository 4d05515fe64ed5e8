using Dashboard.Web.Columns;
using Dashboard.Web.Components.Relations;
using Dashboard.Web.Resources;

namespace Dashboard.Web.Hosting;

/// <summary>The Related section of every detail page (owner chains, selected pods, routes, storage, config users).</summary>
internal static class RelationsSetup
{
    public static IServiceCollection AddRelationPages(this IServiceCollection services)
    {
        services.AddSingleton(new DetailSection("related", "Related_Title", typeof(RelatedSection), 300, _ => true) { TitleResource = typeof(RelationsStrings) });
        return services;
    }
}
