using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>A Job as <c>kubectl get jobs -o wide</c> shows it: status, completions, duration.</summary>
public sealed record JobRow : IResourceRow<JobRow>
{
    /// <inheritdoc />
    public static ResourceKind Kind => Job.Resource;
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
    /// <summary>Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet or Running.</summary>
    public required string Status { get; init; }
    /// <summary>"succeeded/completions", "n/1 of parallelism" for work queues.</summary>
    public required string Completions { get; init; }
    /// <summary>status.succeeded.</summary>
    public long Succeeded { get; init; }
    /// <summary>status.failed.</summary>
    public long Failed { get; init; }
    /// <summary>status.active.</summary>
    public long Active { get; init; }
    /// <summary>From start to completion (or to now while running); null before it starts.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>The duration as kubectl prints it, empty before the job starts.</summary>
    public required string DurationText { get; init; }
    /// <summary>status.startTime.</summary>
    public DateTimeOffset? Started { get; init; }
    /// <summary>status.completionTime.</summary>
    public DateTimeOffset? Completed { get; init; }
    /// <summary>The owning CronJob's name, if any.</summary>
    public string? CronJob { get; init; }
    /// <summary>Container names, comma-joined.</summary>
    public required string Containers { get; init; }
    /// <summary>Images, comma-joined.</summary>
    public required string Images { get; init; }
    /// <summary>The selector (&lt;none&gt; when empty).</summary>
    public required string Selector { get; init; }
    /// <summary>Completed, Failed, Progressing (running, suspended, terminating).</summary>
    public RowHealth Health { get; init; }

    /// <summary>Projects a Job.</summary>
    public static JobRow From(KubeObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var m = RowMeta.Of(obj, now);
        var spec = obj.Json["spec"] as JsonObject;
        var status = obj.Json["status"] as JsonObject;
        var conditions = status.P("conditions");
        var succeeded = L(status.P("succeeded")) ?? 0;
        string completions;
        if (L(spec.P("completions")) is { } c) completions = Inv($"{succeeded}/{c}");
        else if ((L(spec.P("parallelism")) ?? 0) is var p and > 1) completions = Inv($"{succeeded}/1 of {p}");
        else completions = Inv($"{succeeded}/1");
        var start = Time(status.P("startTime"));
        var end = Time(status.P("completionTime"));
        TimeSpan? duration = start is { } s ? (end ?? now) - s : null;
        var state = JobState(conditions, m.Deleting);
        var (names, images) = KubeFormat.Containers(spec.P("template").P("spec").P("containers"));
        var selector = KubeFormat.Selector(spec.P("selector"));
        var owner = Objects(obj.Json["metadata"].P("ownerReferences")).FirstOrDefault(o => B(o["controller"]) == true && S(o["kind"]) == "CronJob");
        return new JobRow
        {
            Name = m.Name, Namespace = m.Namespace, Uid = m.Uid, Created = m.Created, Age = m.Age,
            Status = state,
            Completions = completions,
            Succeeded = succeeded,
            Failed = L(status.P("failed")) ?? 0,
            Active = L(status.P("active")) ?? 0,
            Duration = duration,
            DurationText = duration is { } d ? KubeFormat.HumanDuration(d) : "",
            Started = start,
            Completed = end,
            CronJob = S(owner.P("name")),
            Containers = names,
            Images = images,
            Selector = selector.Length == 0 ? KubeFormat.None : selector,
            Health = state switch
            {
                "Complete" or "SuccessCriteriaMet" => RowHealth.Completed,
                "Failed" or "FailureTarget" => RowHealth.Failed,
                _ => RowHealth.Progressing,
            },
        };
    }

    // A condition decides only when its status is True; the first condition of a type is the one that counts.
    private static string JobState(JsonNode? conditions, bool deleting)
    {
        if (IsTrue(conditions, "Complete")) return "Complete";
        if (IsTrue(conditions, "Failed")) return "Failed";
        if (deleting) return "Terminating";
        if (IsTrue(conditions, "Suspended")) return "Suspended";
        if (IsTrue(conditions, "FailureTarget")) return "FailureTarget";
        if (IsTrue(conditions, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
        return "Running";
    }
}
