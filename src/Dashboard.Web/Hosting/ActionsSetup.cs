using Dashboard.Core.Actions;
using Dashboard.Web.Columns;
using Dashboard.Web.Components.Actions;
using Dashboard.Web.Components.Diagnostics;
using Dashboard.Web.Resources;

namespace Dashboard.Web.Hosting;

/// <summary>The actions toolbar and its actions, the diagnostics panel, and the audit export.</summary>
internal static class ActionsSetup
{
    public static IServiceCollection AddObjectActions(this IServiceCollection services)
    {
        services.AddScoped<ActionRunner>();
        ICapabilityAction[] actions =
        [
            new ScaleAction(), new RestartAction(), new RollbackAction(), new PauseAction(), new ResumeAction(), new SetImageAction(),
            new SuspendAction(), new UnsuspendAction(), new TriggerAction(), new CordonAction(), new UncordonAction(), new DrainAction(),
            new EvictAction(), new AnnotateAction(), new DeleteAction(),
        ];
        // Each one serves the list page's bulk bar as itself and the shell's object toolbar through an adapter.
        foreach (var action in actions)
        {
            services.AddSingleton(action);
            services.AddSingleton<Web.Actions.IObjectAction>(sp => new ToolbarAction(action, sp.GetRequiredService<ActionService>(),
                sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<ActionStrings>>()));
        }
        services.AddSingleton(new DetailSection("diagnostics", "Diagnostics_Title", typeof(DiagnosticsSection), 50, k => DiagnosticSources.For(k) is not null)
        {
            TitleResource = typeof(DiagnosticsStrings),
        });
        return services;
    }

    /// <summary>
    /// /audit/export?format=csv|json&amp;q=&amp;user=&amp;action=&amp;outcome= — the audit page's entries and filter, as a
    /// download.
    /// </summary>
    public static void MapAuditExport(this WebApplication app) =>
        app.MapGet("/audit/export", async (HttpContext http, AuditLog audit, Session.UserSession session, Core.Access.PermissionService permissions,
            string? format, string? q, string? user, string? action, string? outcome) =>
        {
            // The same entries as the page: the user's own, and those on objects the user may read.
            session.Start(http.User);
            if (!session.IsSignedIn) return Results.Unauthorized();
            var cluster = session.Cluster.Name;
            var visible = await AuditVisibility.VisibleAsync(permissions, cluster, session.Identity, session.UserName,
                audit.Entries.Where(e => e.Cluster == cluster).ToList(), http.RequestAborted);
            var entries = AuditFilter.Apply(visible, new AuditFilter(cluster, q, user, action, outcome));
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            return format?.ToLowerInvariant() switch
            {
                "json" => Results.File(System.Text.Encoding.UTF8.GetBytes(audit.ExportJson(entries)), "application/json", $"audit-{stamp}.json"),
                "csv" or null or "" => Results.File(System.Text.Encoding.UTF8.GetBytes(audit.ExportCsv(entries)), "text/csv", $"audit-{stamp}.csv"),
                _ => Results.BadRequest($"unknown format \"{format}\": use csv or json"),
            };
        }).RequireAuthorization();
}
