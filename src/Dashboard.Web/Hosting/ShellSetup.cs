using Dashboard.Web.Actions;
using Dashboard.Web.Columns;
using Dashboard.Web.Components.Actions;
using Dashboard.Web.Resources;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The shell's additions: the object toolbar (first section of every detail page), its generic actions, and the wording
/// of permission denials.
/// </summary>
internal static class ShellSetup
{
    public static IServiceCollection AddShell(this IServiceCollection services)
    {
        services.AddSingleton<Session.AccessText>();
        services.AddSingleton<IObjectAction, EditLabelsAction>();
        // Delete comes from AddObjectActions (grace period, force, typed confirmation).
        services.AddSingleton(new DetailSection("actions", "Details_Actions", typeof(ObjectToolbar), 10, _ => true) { TitleResource = typeof(ShellStrings) });
        return services;
    }
}
