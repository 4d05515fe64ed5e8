using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The cronjob controller (v2): on each schedule time of the emulated clock creates a Job named
/// <c>&lt;cronjob&gt;-&lt;minutes since epoch&gt;</c>, honouring suspend, concurrencyPolicy, startingDeadlineSeconds and the
/// history limits, and keeps <c>status.active</c>, <c>lastScheduleTime</c> and <c>lastSuccessfulTime</c>.
/// </summary>
internal sealed class CronJobController : WorkloadController
{
    internal const string ScheduledAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private readonly ResourceType _cronJobs;
    private readonly ResourceType _jobs;
    private CancellationToken _stopping;

    public CronJobController(EmulatorContext context) : base(context, "cronjob-controller")
    {
        _cronJobs = context.Type("batch", "cronjobs");
        _jobs = context.Type("batch", "jobs");
        // Tests move emulated time forward; every CronJob then looks at its schedule again.
        context.Clock.Advanced += () =>
        {
            foreach (var cj in Context.Store.List(_cronJobs, null).Items) Enqueue(cj.Key);
        };
    }

    protected override IEnumerable<ResourceType> Watched => [_cronJobs, _jobs];

    protected override IEnumerable<string> KeysFor(StoredEvent change) => OwnerKeys(change, _cronJobs, "CronJob");

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        var (ns, name) = Split(key);
        var cj = Api.TryGet(_cronJobs, ns, name);
        if (cj is null) return Task.CompletedTask;
        var status = cj["status"] is JsonObject s ? s.Clone() : new JsonObject();
        var prefix = cj.Name() + "-";
        var jobs = Api.List(_jobs, ns, null, o => o.Name.StartsWith(prefix, StringComparison.Ordinal)).Where(j => Owners.IsControlledBy(j, cj)).ToList();
        SyncActive(cj, status, jobs);
        var now = Now;
        if (cj.At("metadata.deletionTimestamp") is null && cj.Bool("spec.suspend") != true
            && CronSchedule.TryParse(cj.Str("spec.schedule") ?? "", out var schedule, out _))
        {
            var zone = Zone(cj.Str("spec.timeZone"));
            Schedule(key, cj, status, jobs, schedule!, zone, now);
        }
        CleanupHistory(cj, jobs);
        WriteStatus(_cronJobs, cj, Compact(status));
        return Task.CompletedTask;
    }

    private static JsonObject Compact(JsonObject status)
    {
        if (status["active"] is JsonArray { Count: 0 }) status.Remove("active");
        return status;
    }

    private void SyncActive(JsonObject cj, JsonObject status, List<JsonObject> jobs)
    {
        var active = new JsonArray();
        foreach (var r in status.Items("active"))
        {
            var job = jobs.FirstOrDefault(j => j.Uid() == r.Str("uid"));
            if (job is null) continue;
            if (!JobController.IsFinished(job))
            {
                active.Add(r.DeepClone());
                continue;
            }
            var type = job.Items("status.conditions").First(c => c.Str("type") is "Complete" or "Failed" && c.Str("status") == "True").Str("type");
            Normal(cj, "SawCompletedJob", $"Saw completed job: {job.Name()}, status: {type}");
            if (type == "Complete" && Json.ParseTime(job.Str("status.completionTime")) is { } done
                && (Json.ParseTime(status.Str("lastSuccessfulTime")) is not { } last || done > last))
                status["lastSuccessfulTime"] = Json.Time(done);
        }
        // Jobs the controller created but has not recorded yet (a write raced) are active too.
        foreach (var job in jobs.Where(j => !JobController.IsFinished(j) && !active.OfType<JsonObject>().Any(a => a.Str("uid") == j.Uid())))
            active.Add(Reference(job));
        status["active"] = active;
    }

    private static JsonObject Reference(JsonObject job) => new()
    {
        ["kind"] = "Job",
        ["namespace"] = job.Namespace(),
        ["name"] = job.Name(),
        ["uid"] = job.Uid(),
        ["apiVersion"] = "batch/v1",
        ["resourceVersion"] = job.Str("metadata.resourceVersion"),
    };

    private void Schedule(string key, JsonObject cj, JsonObject status, List<JsonObject> jobs, CronSchedule schedule, TimeZoneInfo zone, DateTimeOffset now)
    {
        var earliest = Json.ParseTime(status.Str("lastScheduleTime")) ?? Json.ParseTime(cj.Str("metadata.creationTimestamp")) ?? now;
        var deadline = cj.Int("spec.startingDeadlineSeconds");
        if (deadline is { } dl && now.AddSeconds(-dl) > earliest) earliest = now.AddSeconds(-dl);
        DateTimeOffset? scheduled = null;
        var missed = 0;
        for (var t = schedule.Next(earliest, zone); t is { } tt && tt <= now; t = schedule.Next(tt, zone))
        {
            scheduled = tt;
            if (++missed > 100)
            {
                Warning(cj, "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
                break;
            }
        }
        if (schedule.Next(now, zone) is { } next) EnqueueAfter(key, next - now + TimeSpan.FromMilliseconds(100), _stopping);
        if (scheduled is not { } when) return;

        if (deadline is { } d && when.AddSeconds(d) < now)
        {
            Warning(cj, "MissSchedule", $"Missed scheduled time to start a job: {when.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)}");
            return;
        }
        var active = status["active"] as JsonArray ?? [];
        var policy = cj.Str("spec.concurrencyPolicy") ?? "Allow";
        if (policy == "Forbid" && active.Count > 0)
        {
            Normal(cj, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
            return;
        }
        if (policy == "Replace")
        {
            foreach (var r in active.OfType<JsonObject>().ToList())
            {
                try
                {
                    Api.Delete(_jobs, cj.Namespace(), r.Str("name") ?? "", UserInfo.System, new DeleteOptions { PropagationPolicy = "Background" });
                    Normal(cj, "SuccessfulDelete", $"Deleted job {r.Str("name")}");
                }
                catch (ApiException e) when (e.Code == 404) { }
                active.Remove(r);
            }
        }
        var name = $"{cj.Name()}-{(when.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";
        JsonObject job;
        var existing = Api.TryGet(_jobs, cj.Namespace(), name);
        if (existing is not null && Owners.IsControlledBy(existing, cj)) job = existing;
        else
        {
            job = new JsonObject
            {
                ["apiVersion"] = "batch/v1",
                ["kind"] = "Job",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = cj.Namespace(),
                    ["labels"] = cj.At("spec.jobTemplate.metadata.labels")?.DeepClone() ?? new JsonObject(),
                    ["annotations"] = cj.At("spec.jobTemplate.metadata.annotations")?.DeepClone() ?? new JsonObject(),
                    ["ownerReferences"] = new JsonArray(Owners.ControllerRef(cj)),
                },
                ["spec"] = cj.At("spec.jobTemplate.spec")?.DeepClone() ?? new JsonObject(),
            };
            ((JsonObject)job.At("metadata.annotations")!)[ScheduledAnnotation] = zone == TimeZoneInfo.Utc
                ? Json.Time(when)
                : when.ToOffset(zone.GetUtcOffset(when)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            try
            {
                job = Api.Create(_jobs, cj.Namespace(), job, UserInfo.System);
                Normal(cj, "SuccessfulCreate", $"Created job {name}");
                jobs.Add(job);
            }
            catch (ApiException e) when (e.Code != 409)
            {
                Warning(cj, "FailedCreate", $"Error creating job: {e.Message}");
                return;
            }
        }
        if (!active.OfType<JsonObject>().Any(a => a.Str("uid") == job.Uid()) && !JobController.IsFinished(job)) active.Add(Reference(job));
        status["active"] = active;
        status["lastScheduleTime"] = Json.Time(when);
    }

    private void CleanupHistory(JsonObject cj, List<JsonObject> jobs)
    {
        void Prune(string conditionType, long limit)
        {
            var finished = jobs.Where(j => j.Items("status.conditions").Any(c => c.Str("type") == conditionType && c.Str("status") == "True"))
                .OrderBy(j => Json.ParseTime(j.Str("status.startTime")) ?? Json.ParseTime(j.Str("metadata.creationTimestamp")))
                .ToList();
            foreach (var job in finished.Take(Math.Max(0, finished.Count - (int)limit)))
            {
                try
                {
                    Api.Delete(_jobs, job.Namespace(), job.Name(), UserInfo.System, new DeleteOptions { PropagationPolicy = "Background" });
                    Normal(cj, "SuccessfulDelete", $"Deleted job {job.Name()}");
                }
                catch (ApiException e) when (e.Code == 404) { }
            }
        }
        Prune("Complete", cj.Int("spec.successfulJobsHistoryLimit") ?? 3);
        Prune("Failed", cj.Int("spec.failedJobsHistoryLimit") ?? 1);
    }

    private static TimeZoneInfo Zone(string? id)
    {
        if (string.IsNullOrEmpty(id)) return TimeZoneInfo.Utc;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
        catch (InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }
}
