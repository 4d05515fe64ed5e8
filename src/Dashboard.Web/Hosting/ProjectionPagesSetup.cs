using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Columns;
using Dashboard.Web.Columns.Workloads;
using Dashboard.Web.Components.Workloads;
using Dashboard.Web.Resources;

namespace Dashboard.Web.Hosting;

/// <summary>The workload list columns (kubectl's) and the describe-grade detail sections of pods and workloads.</summary>
internal static class ProjectionPagesSetup
{
    /// <summary>Kinds whose detail page shows containers, volumes and scheduling (a pod, or a pod template).</summary>
    internal static IReadOnlyList<ResourceKind> PodKinds { get; } =
        [Pod.Resource, Deployment.Resource, ReplicaSet.Resource, StatefulSet.Resource, DaemonSet.Resource, Job.Resource, CronJob.Resource];

    internal static bool HasPods(ResourceKind kind) => PodKinds.Any(k => k.QualifiedName == kind.QualifiedName);

    public static IServiceCollection AddWorkloadProjections(this IServiceCollection services)
    {
        services.AddSingleton<HealthStatus>();
        services.AddSingleton<IColumnSet, PodColumns>();
        services.AddSingleton<IColumnSet, DeploymentColumns>();
        services.AddSingleton<IColumnSet, ReplicaSetColumns>();
        services.AddSingleton<IColumnSet, StatefulSetColumns>();
        services.AddSingleton<IColumnSet, DaemonSetColumns>();
        services.AddSingleton<IColumnSet, JobColumns>();
        services.AddSingleton<IColumnSet, CronJobColumns>();
        services.AddSingleton(new DetailSection("containers", "Section_Containers", typeof(ContainersSection), 300, HasPods) { TitleResource = typeof(ProjectionStrings) });
        services.AddSingleton(new DetailSection("volumes", "Section_Volumes", typeof(VolumesSection), 350, HasPods) { TitleResource = typeof(ProjectionStrings) });
        services.AddSingleton(new DetailSection("scheduling", "Section_Scheduling", typeof(SchedulingSection), 400, HasPods) { TitleResource = typeof(ProjectionStrings) });
        services.AddSingleton(new DetailSection("revisions", "Section_Revisions", typeof(RevisionsSection), 450, RevisionHistory.Applies) { TitleResource = typeof(ProjectionStrings) });
        services.AddSingleton(new DetailSection("cronjob-jobs", "Section_Jobs", typeof(CronJobJobsSection), 500, k => k.QualifiedName == CronJob.Resource.QualifiedName)
            { TitleResource = typeof(ProjectionStrings) });
        return services;
    }
}
