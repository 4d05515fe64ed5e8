using Dashboard.Core.Caching;
using Dashboard.Core.Streams;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Columns;
using Dashboard.Web.Components.Logs;
using Dashboard.Web.Resources;

namespace Dashboard.Web.Hosting;

/// <summary>Logs: the stream services and the "Logs" section on the detail pages of pods and workloads.</summary>
internal static class LogsSetup
{
    /// <summary>The kinds with logs: pods, and the workloads whose <c>spec.selector</c> selects pods.</summary>
    private static readonly HashSet<string> LogKinds = new[]
    {
        Pod.Resource, Deployment.Resource, ReplicaSet.Resource, StatefulSet.Resource, DaemonSet.Resource, Job.Resource,
        ReplicationController.Resource,
    }.Select(k => k.QualifiedName).ToHashSet(StringComparer.Ordinal);

    /// <summary>True for kinds with a logs page (compared by group and plural: discovered instances are equal too).</summary>
    public static bool HasLogs(ResourceKind kind) => LogKinds.Contains(kind.QualifiedName);

    /// <summary>True for pods (one pod's logs), false for workloads (merged logs of their pods).</summary>
    public static bool IsPod(ResourceKind kind) => kind.QualifiedName == Pod.Resource.QualifiedName;

    public static IServiceCollection AddLogPages(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LogStreamService(sp.GetRequiredService<KubeClientPool>(), sp.GetRequiredService<ClusterCache>()));
        services.AddSingleton(sp => new TerminalService(sp.GetRequiredService<KubeClientPool>()));
        services.AddSingleton(new DetailSection("logs", "Logs_Section", typeof(LogLinksSection), 40, HasLogs) { TitleResource = typeof(LogStrings) });
        return services;
    }

    /// <summary>The logs page of an object.</summary>
    public static string LogsUrl(ResourceKind kind, string ns, string name) => Navigation.ResourceUrls.Details(kind, ns, name) + "/logs";
}
