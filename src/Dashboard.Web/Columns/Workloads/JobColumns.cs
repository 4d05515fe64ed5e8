using Dashboard.Core.Projections;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;
using static Dashboard.Web.Columns.Workloads.WorkloadColumn;

namespace Dashboard.Web.Columns.Workloads;

/// <summary>Jobs: completions and duration; the status is kubectl's (Complete, Failed, Running, Suspended...).</summary>
internal sealed class JobColumns : IColumnSet
{
    private readonly RowMemo<JobRow> _rows = new();

    public JobColumns() => Columns =
    [
        Of(_rows, "completions", "Col_Completions", r => r.Completions, r => r.Succeeded, "7rem"),
        Of(_rows, "duration", "Col_Duration", r => r.DurationText, r => r.Duration, "6rem"),
        Of(_rows, "images", "Col_Images", r => r.Images),
    ];

    public ResourceKind Kind => Job.Resource;

    public IReadOnlyList<ResourceColumn> Columns { get; }

    public ResourceStatus Status(KubeObject obj, DateTimeOffset now)
    {
        var row = _rows.Timeless(obj, now);
        return new ResourceStatus(row.Status, Tone(row.Health));
    }
}

/// <summary>CronJobs: schedule and the schedule in words, suspend, active, last schedule, next run.</summary>
internal sealed class CronJobColumns(IStringLocalizer<ProjectionStrings> l) : IColumnSet
{
    private readonly RowMemo<CronJobRow> _rows = new();
    private IReadOnlyList<ResourceColumn>? _columns;

    public ResourceKind Kind => CronJob.Resource;

    public IReadOnlyList<ResourceColumn> Columns => _columns ??=
    [
        Of(_rows, "schedule", "Col_Schedule", r => r.TimeZone == KubeFormat.None ? r.Schedule : $"{r.Schedule} ({r.TimeZone})", width: "9rem"),
        Of(_rows, "words", "Col_ScheduleWords", r => r.ScheduleInWords),
        Of(_rows, "suspend", "Col_Suspend", r => l[r.Suspend ? "Bool_Yes" : "Bool_No"], r => r.Suspend, "6rem"),
        Of(_rows, "active", "Col_Active", r => KubeFormat.N(r.Active), r => r.Active, "5rem"),
        Of(_rows, "last", "Col_LastSchedule", r => r.LastScheduleText, r => r.LastSchedule, "7rem"),
        Of(_rows, "next", "Col_NextRun", r => r.NextRun is null ? "" : l["NextRun_In", r.NextRunIn], r => r.NextRun, "7rem"),
    ];

    public ResourceStatus Status(KubeObject obj, DateTimeOffset now)
    {
        var row = _rows.Timeless(obj, now);
        if (!row.ScheduleValid) return new ResourceStatus(l["CronJob_Invalid"], StatusTone.Bad);
        if (row.Suspend) return new ResourceStatus(l["CronJob_Suspended"], StatusTone.Warning);
        if (row.Active > 0) return new ResourceStatus(l["CronJob_Running", row.Active], StatusTone.Good);
        return new ResourceStatus(l["CronJob_Scheduled"], StatusTone.Good);
    }
}
