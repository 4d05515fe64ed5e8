using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// The job controller: runs pods until <c>completions</c> succeed (NonIndexed, Indexed or work-queue style) with at
/// most <c>parallelism</c> active, fails the job past <c>backoffLimit</c> or <c>activeDeadlineSeconds</c>, honours
/// suspend, and reports counts and the 1.32 conditions (SuccessCriteriaMet/Complete, FailureTarget/Failed).
/// </summary>
internal sealed class JobController : WorkloadController
{
    internal const string IndexLabel = "batch.kubernetes.io/job-completion-index";
    private readonly ResourceType _jobs;

    public JobController(EmulatorContext context) : base(context, "job-controller")
    {
        _jobs = context.Type("batch", "jobs");
        // Deadlines and TTLs are measured on the emulated clock: look again when a test moves it.
        context.Clock.Advanced += () =>
        {
            foreach (var job in Context.Store.List(_jobs, null).Items) Enqueue(job.Key);
        };
    }

    protected override IEnumerable<ResourceType> Watched => [_jobs, PodsType];

    protected override IEnumerable<string> KeysFor(StoredEvent change) => OwnerKeys(change, _jobs, "Job");

    internal static bool IsFinished(JsonObject job) =>
        job.Items("status.conditions").Any(c => c.Str("type") is "Complete" or "Failed" && c.Str("status") == "True");

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        var job = Api.TryGet(_jobs, ns, name);
        if (job is null) return Task.CompletedTask;
        var selector = LabelSelector.FromObject(job.At("spec.selector"));
        var pods = ClaimPods(job, selector);
        var active = pods.Where(Pods.IsActive).ToList();
        var status = job["status"] is JsonObject s ? s.Clone() : new JsonObject();
        var now = Now;
        if (IsFinished(job) || job.At("metadata.deletionTimestamp") is not null)
        {
            DeletePods(job, active);
            ExpireAfterTtl(key, job, now, cancellationToken);
            return Task.CompletedTask;
        }

        var succeeded = Math.Max(Int(status, "succeeded"), pods.Count(p => p.Str("status.phase") == "Succeeded"));
        var failed = Math.Max(Int(status, "failed"), pods.Count(p => p.Str("status.phase") == "Failed"));
        var indexed = job.Str("spec.completionMode") == "Indexed";
        var completions = job.Int("spec.completions") is { } c ? (int)c : (int?)null;
        var parallelism = Int(job, "spec.parallelism", 1);
        var suspended = job.Bool("spec.suspend") == true;

        if (suspended)
        {
            DeletePods(job, active);
            active.Clear();
            if (FindCondition(job, "Suspended")?.Str("status") != "True")
            {
                SetCondition(status, JobCondition("Suspended", "True", "JobSuspended", "Job suspended", job));
                Normal(job, "Suspended", "Job suspended");
            }
            status.Remove("startTime");
        }
        else
        {
            if (FindCondition(job, "Suspended")?.Str("status") == "True")
            {
                SetCondition(status, JobCondition("Suspended", "False", "JobResumed", "Job resumed", job));
                Normal(job, "Resumed", "Job resumed");
            }
            status["startTime"] ??= Json.Time(now);
        }

        var backoffLimit = Int(job, "spec.backoffLimit", 6);
        var start = Json.ParseTime(status.Str("startTime"));
        var deadline = job.Int("spec.activeDeadlineSeconds");
        string? failReason = null, failMessage = null;
        // With restartPolicy OnFailure the kubelet restarts containers in place; the controller counts those restarts
        // against the back-off limit, as the real one does.
        var restarts = job.Str("spec.template.spec.restartPolicy") == "OnFailure"
            ? active.Sum(p => p.Items("status.containerStatuses").Sum(c => c.Int("restartCount") ?? 0)) : 0;
        if (!suspended && failed + restarts > backoffLimit)
        {
            failReason = "BackoffLimitExceeded";
            failMessage = "Job has reached the specified backoff limit";
        }
        else if (!suspended && deadline is { } dl && start is { } st && now >= st.AddSeconds(dl))
        {
            failReason = "DeadlineExceeded";
            failMessage = "Job was active longer than specified deadline";
        }
        if (failReason is not null)
        {
            DeletePods(job, active);
            active.Clear();
            SetCondition(status, JobCondition("FailureTarget", "True", failReason, failMessage!, job));
            SetCondition(status, JobCondition("Failed", "True", failReason, failMessage!, job));
            Warning(job, failReason, failMessage!);
        }
        else if (!suspended)
        {
            var done = completions is { } target ? succeeded >= target : succeeded > 0 && active.Count == 0;
            if (done)
            {
                DeletePods(job, active);
                active.Clear();
                SetCondition(status, JobCondition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", job));
                SetCondition(status, JobCondition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", job));
                status["completionTime"] = Json.Time(now);
                Normal(job, "Completed", "Job completed");
                }
            else
            {
                var want = completions is { } cw ? Math.Min(parallelism, cw - succeeded) : succeeded > 0 ? 0 : parallelism;
                var wait = BackoffRemaining(pods, failed, now);
                if (active.Count < want && wait <= TimeSpan.Zero)
                    CreatePods(job, pods, active, want - active.Count, indexed, completions ?? parallelism, cancellationToken);
                else if (active.Count < want)
                    EnqueueAfter(key, wait, cancellationToken);
                else if (active.Count > want)
                    DeletePods(job, active.OrderByDescending(p => p.Str("metadata.creationTimestamp"), StringComparer.Ordinal).Take(active.Count - want).ToList());
                if (deadline is { } d2 && start is { } s2) EnqueueAfter(key, s2.AddSeconds(d2) - now + TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }

        status["active"] = active.Count;
        status["succeeded"] = succeeded;
        status["failed"] = failed;
        status["ready"] = active.Count(Pods.IsReady);
        status["terminating"] = pods.Count(p => Pods.IsTerminating(p) && !Pods.IsTerminal(p));
        status["uncountedTerminatedPods"] = new JsonObject();
        if (indexed)
        {
            var indexes = pods.Where(p => p.Str("status.phase") == "Succeeded")
                .Select(p => p.Labels().GetValueOrDefault(IndexLabel)).Where(i => i is not null)
                .Select(i => int.Parse(i!, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            if (indexes.Count > 0) status["completedIndexes"] = Ranges(indexes);
        }
        foreach (var k in new[] { "active", "succeeded", "failed" })
            if (status.Int(k) == 0) status.Remove(k);
        WriteStatus(_jobs, job, status);
        return Task.CompletedTask;
    }

    /// <summary>The TTL-after-finished controller's part: a finished job with a TTL is deleted (with its pods) once it expires.</summary>
    private void ExpireAfterTtl(string key, JsonObject job, DateTimeOffset now, CancellationToken ct)
    {
        if (job.Int("spec.ttlSecondsAfterFinished") is not { } ttl || job.At("metadata.deletionTimestamp") is not null) return;
        var finished = Json.ParseTime(job.Str("status.completionTime"))
            ?? job.Items("status.conditions").Where(c => c.Str("type") is "Complete" or "Failed").Select(c => Json.ParseTime(c.Str("lastTransitionTime"))).Max();
        if (finished is null) return;
        var expiry = finished.Value.AddSeconds(ttl);
        if (expiry > now)
        {
            EnqueueAfter(key, expiry - now + TimeSpan.FromMilliseconds(50), ct);
            return;
        }
        Api.Delete(_jobs, job.Namespace(), job.Name(), UserInfo.System, new DeleteOptions { PropagationPolicy = "Background", PreconditionUid = job.Uid() });
    }

    private TimeSpan BackoffRemaining(List<JsonObject> pods, int failed, DateTimeOffset now)
    {
        if (failed == 0) return TimeSpan.Zero;
        var lastFailure = pods.Where(p => p.Str("status.phase") == "Failed")
            .Select(p => p.Items("status.containerStatuses").Select(cs => Json.ParseTime(cs.Str("state.terminated.finishedAt"))).Max()
                         ?? Json.ParseTime(p.Str("metadata.creationTimestamp")))
            .Max();
        if (lastFailure is null) return TimeSpan.Zero;
        var seconds = Math.Min(360, 10 * Math.Pow(2, failed - 1)) * Context.Options.TimeScale;
        return lastFailure.Value.AddSeconds(seconds) - now;
    }

    private void CreatePods(JsonObject job, List<JsonObject> pods, List<JsonObject> active, int count, bool indexed, int completions, CancellationToken ct)
    {
        var template = job.At("spec.template") as JsonObject;
        var busy = pods.Where(p => Pods.IsActive(p) || p.Str("status.phase") == "Succeeded")
            .Select(p => p.Labels().GetValueOrDefault(IndexLabel)).ToHashSet();
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            string generateName = job.Name() + "-";
            string? index = null;
            if (indexed)
            {
                while (next < completions && busy.Contains(next.ToString(CultureInfo.InvariantCulture))) next++;
                if (next >= completions) break;
                index = next.ToString(CultureInfo.InvariantCulture);
                busy.Add(index);
                generateName = $"{job.Name()}-{index}-";
            }
            var pod = Pods.FromTemplate(template, job, generateName, null);
            if (index is not null)
            {
                pod.Meta().Obj("labels")[IndexLabel] = index;
                pod.Meta().Obj("annotations")[IndexLabel] = index;
                foreach (var c in pod.Items("spec.containers"))
                {
                    var env = c["env"] as JsonArray ?? [];
                    env.Add(new JsonObject { ["name"] = "JOB_COMPLETION_INDEX", ["value"] = index });
                    c["env"] = env;
                }
            }
            try
            {
                var created = Api.Create(PodsType, job.Namespace(), pod, UserInfo.System);
                active.Add(created);
                Normal(job, "SuccessfulCreate", $"Created pod: {created.Name()}");
            }
            catch (ApiException e)
            {
                Warning(job, "FailedCreate", $"Error creating: {e.Message}");
                EnqueueAfter(job.Namespace() + "/" + job.Name(), TimeSpan.FromSeconds(5), ct);
                return;
            }
        }
    }

    private void DeletePods(JsonObject job, List<JsonObject> pods)
    {
        foreach (var pod in pods)
        {
            try
            {
                Api.Delete(PodsType, pod.Namespace(), pod.Name(), UserInfo.System);
                Normal(job, "SuccessfulDelete", $"Deleted pod: {pod.Name()}");
            }
            catch (ApiException e) when (e.Code == 404) { }
        }
    }

    private JsonObject JobCondition(string type, string status, string reason, string message, JsonObject job)
    {
        var c = Condition(type, status, reason, message, FindCondition(job, type));
        var now = Json.Time(Now);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = now,
            ["lastTransitionTime"] = c["lastTransitionTime"]!.DeepClone(),
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static void SetCondition(JsonObject status, JsonObject condition)
    {
        var list = status["conditions"] as JsonArray ?? [];
        var existing = list.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == condition.Str("type"));
        if (existing is not null) list[list.IndexOf(existing)] = condition;
        else list.Add(condition);
        status["conditions"] = list;
    }

    private static string Ranges(List<int> sorted)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}
