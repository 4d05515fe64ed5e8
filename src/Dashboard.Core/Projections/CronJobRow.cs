using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Projections.Cron;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>
/// A CronJob as <c>kubectl get cj -o wide</c> shows it (schedule, time zone, suspend, active, last schedule), plus the
/// schedule in words (in the current UI culture), the last successful run and the next run computed from the schedule.
/// </summary>
public sealed record CronJobRow : IResourceRow<CronJobRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => CronJob.Resource;
    /// <inheritdoc />
    public required string Name { get; init; }
    /// <inheritdoc />
    public string? Namespace { get; init; }
    /// <inheritdoc />
    public required string Uid { get; init; }
    /// <inheritdoc />
    public DateTimeOffset? Created { get; init; }
    /// <inheritdoc />
    public required string Age { get; init; }
    /// <summary>spec.schedule as written.</summary>
    public required string Schedule { get; init; }
    /// <summary>The schedule in words, or why it cannot be read.</summary>
    public required string ScheduleInWords { get; init; }
    /// <summary>True when the schedule parses.</summary>
    public bool ScheduleValid { get; init; }
    /// <summary>spec.timeZone, or &lt;none&gt;.</summary>
    public required string TimeZone { get; init; }
    /// <summary>spec.suspend.</summary>
    public bool Suspend { get; init; }
    /// <summary>"True"/"False" as kubectl prints it.</summary>
    public required string SuspendText { get; init; }
    /// <summary>Running jobs (status.active).</summary>
    public int Active { get; init; }
    /// <summary>status.lastScheduleTime.</summary>
    public DateTimeOffset? LastSchedule { get; init; }
    /// <summary>Age of the last schedule, or &lt;none&gt;.</summary>
    public required string LastScheduleText { get; init; }
    /// <summary>status.lastSuccessfulTime.</summary>
    public DateTimeOffset? LastSuccessful { get; init; }
    /// <summary>The next run after now; null when suspended, invalid, or nothing matches within five years.</summary>
    public DateTimeOffset? NextRun { get; init; }
    /// <summary>Time until the next run as kubectl prints durations ("in" is for the UI to add), or empty.</summary>
    public required string NextRunIn { get; init; }
    /// <summary>Container names, comma-joined.</summary>
    public required string Containers { get; init; }
    /// <summary>Images, comma-joined.</summary>
    public required string Images { get; init; }
    /// <summary>The job template's selector, or &lt;none&gt;.</summary>
    public required string Selector { get; init; }
    /// <summary>Failed for an unreadable schedule or time zone, Progressing while suspended or running, else Ok.</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a CronJob; the words follow <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public static CronJobRow From(KubeObject obj, DateTimeOffset now) => From(obj, now, CultureInfo.CurrentUICulture);

    /// <summary>Projects a CronJob with the words in <paramref name="culture"/>.</summary>
    public static CronJobRow From(KubeObject obj, DateTimeOffset now, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        var schedule = S(spec.P("schedule")) ?? "";
        var zoneName = S(spec.P("timeZone"));
        var suspend = B(spec.P("suspend")) == true;
        var valid = CronSchedule.TryParse(schedule, out var parsed, out var error);
        // Without spec.timeZone the controller uses its own local zone, which is UTC on every usual control plane.
        var zoneOk = CronTimeZones.TryFind(zoneName ?? "UTC", out var zone);
        var words = !valid ? Resources.CoreStrings.Format(culture, "Cron_Invalid", error)
            : !zoneOk ? Resources.CoreStrings.Format(culture, "Cron_UnknownTimeZone", zoneName)
            : CronDescriber.Describe(parsed!, culture);
        var next = valid && zoneOk && !suspend && !m.Deleting ? parsed!.Next(now, zone!) : null;
        var last = Time(status.P("lastScheduleTime"));
        var jobSpec = spec.P("jobTemplate").P("spec");
        var (names, images) = KubeFormat.Containers(jobSpec.P("template").P("spec").P("containers"));
        var selector = KubeFormat.Selector(jobSpec.P("selector"));
        var active = Count(status.P("active"));
        return new CronJobRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Schedule = schedule,
            ScheduleInWords = words,
            ScheduleValid = valid && zoneOk,
            TimeZone = zoneName ?? KubeFormat.None,
            Suspend = suspend,
            SuspendText = suspend ? "True" : "False",
            Active = active,
            LastSchedule = last,
            LastScheduleText = last is { } l ? KubeFormat.HumanDuration(now - l) : KubeFormat.None,
            LastSuccessful = Time(status.P("lastSuccessfulTime")),
            NextRun = next,
            NextRunIn = next is { } n ? KubeFormat.HumanDuration(n - now) : "",
            Containers = names,
            Images = images,
            Selector = selector.Length == 0 ? KubeFormat.None : selector,
            Health = !valid || !zoneOk ? RowHealth.Failed : suspend || active > 0 ? RowHealth.Progressing : RowHealth.Ok,
        };
    }
}
