using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Projections.Details;

/// <summary>A CronJob's jobs: the Jobs it controls (by owner uid), newest first, as rows.</summary>
public static class OwnedJobs
{
    /// <summary>Rows of the jobs in <paramref name="jobs"/> controlled by <paramref name="cronJob"/>, newest first.</summary>
    public static IReadOnlyList<JobRow> Of(KubeObject cronJob, IEnumerable<KubeObject> jobs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        ArgumentNullException.ThrowIfNull(jobs);
        var uid = cronJob.Uid;
        return jobs.Where(j => j.Namespace == cronJob.Namespace && j.OwnerReferences.Any(o => o.Controller && o.Uid == uid))
            .Select(j => JobRow.From(j, now))
            .OrderByDescending(r => r.Started ?? r.Created)
            .ThenByDescending(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }
}
