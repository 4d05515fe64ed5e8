using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>Where a container is in its life; each step has a due time at which the simulation moves it on.</summary>
internal enum ContainerStep
{
    /// <summary>Waiting for the pod (sandbox, earlier init containers) or stuck until something external changes.</summary>
    Idle,
    Pull,
    Pulling,
    PullBackOff,
    Create,
    Start,
    Running,
    /// <summary>Terminated and shown as such, before the kubelet notices and backs off.</summary>
    Exited,
    CrashBackOff,
    /// <summary>Terminated for good (run-to-completion or restartPolicy Never).</summary>
    Done,
}

/// <summary>The simulated runtime state of one container: the truth the pod status is projected from.</summary>
internal sealed class ContainerRuntime(ContainerSpec spec)
{
    public ContainerSpec Spec { get; set; } = spec;
    public ContainerStep Step { get; set; } = ContainerStep.Idle;
    public DateTimeOffset Due { get; set; } = DateTimeOffset.MaxValue;
    /// <summary>The <c>state</c> object of the container status.</summary>
    public JsonObject State { get; set; } = Waiting("ContainerCreating");
    public JsonObject? LastState { get; set; }
    public int RestartCount { get; set; }
    public bool Ready { get; set; }
    public bool Started { get; set; }
    public bool EverCreated { get; set; }
    public string? ContainerId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>Simulated (unscaled) duration of the current pull.</summary>
    public double PullSeconds { get; set; }
    public int PullFailures { get; set; }
    public DateTimeOffset BackOffUntil { get; set; }

    // Timers of a running container.
    public DateTimeOffset? ExitAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? NextReadinessFailure { get; set; }
    public DateTimeOffset? NextLivenessProbe { get; set; }
    public int LivenessFailures { get; set; }
    public DateTimeOffset? StartupDoneAt { get; set; }
    public DateTimeOffset? NextStartupProbe { get; set; }
    public int StartupFailures { get; set; }

    public bool IsRunning => State.ContainsKey("running");
    public bool IsTerminated => State.ContainsKey("terminated");
    public int? ExitCode => State["terminated"]?["exitCode"]?.GetValue<int>();
    /// <summary>Completed successfully and will not run again (init containers and run-to-completion).</summary>
    public bool Succeeded => Step == ContainerStep.Done && ExitCode == 0;

    public void ClearTimers()
    {
        ExitAt = ReadyAt = NextReadinessFailure = NextLivenessProbe = StartupDoneAt = NextStartupProbe = null;
        LivenessFailures = StartupFailures = 0;
    }

    /// <summary>The earliest pending timer of a running container.</summary>
    public DateTimeOffset NextTimer() =>
        new[] { ExitAt, ReadyAt, NextReadinessFailure, NextLivenessProbe, StartupDoneAt, NextStartupProbe }
            .Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    public static JsonObject Waiting(string reason, string? message = null)
    {
        var w = new JsonObject { ["reason"] = reason };
        if (message is not null) w["message"] = message;
        return new JsonObject { ["waiting"] = w };
    }
}

/// <summary>Stages of the pod as a whole.</summary>
internal enum PodStage
{
    /// <summary>Mounting volumes (stuck here while a ConfigMap/Secret volume is missing).</summary>
    Mount,
    /// <summary>Creating the sandbox (network namespace, pod IP).</summary>
    Sandbox,
    /// <summary>Running init containers in order.</summary>
    Init,
    /// <summary>App containers (and sidecars) run.</summary>
    Main,
}

/// <summary>The simulated kubelet's memory of one pod.</summary>
internal sealed class PodRuntime
{
    public required string Key { get; init; }
    public required string Uid { get; init; }
    public required string Node { get; init; }
    public required string RestartPolicy { get; init; }
    public required List<ContainerRuntime> Init { get; init; }
    public required List<ContainerRuntime> Main { get; init; }
    /// <summary>Ephemeral (debug) containers added through pods/ephemeralcontainers.</summary>
    public List<ContainerRuntime> Ephemeral { get; } = [];
    public required DateTimeOffset StartTime { get; init; }
    /// <summary>ConfigMaps/Secrets the pod's volumes mount.</summary>
    public IReadOnlyList<ConfigRef> VolumeRefs { get; init; } = [];
    /// <summary>Created by someone else already running (a scenario): the kubelet leaves its status alone.</summary>
    public bool Adopted { get; init; }

    public PodStage Stage { get; set; } = PodStage.Mount;
    public DateTimeOffset Due { get; set; }
    public bool SandboxReady { get; set; }
    public string? PodIp { get; set; }
    public int InitIndex { get; set; }
    public bool Terminating { get; set; }
    public DateTimeOffset RemoveAt { get; set; } = DateTimeOffset.MaxValue;
    /// <summary>ConfigMaps/Secrets (<c>kind/namespace/name</c>) whose appearance should wake this pod.</summary>
    public HashSet<string> WaitingOn { get; } = new(StringComparer.Ordinal);

    public IEnumerable<ContainerRuntime> Sidecars => Init.Where(c => c.Spec.IsSidecar);

    /// <summary>Containers the simulation advances in the current stage.</summary>
    public IEnumerable<ContainerRuntime> Active => Stage switch
    {
        PodStage.Init => Init.Take(InitIndex + 1).Where(c => c.Spec.IsSidecar || Init.IndexOf(c) == InitIndex),
        PodStage.Main => Sidecars.Concat(Main).Concat(Ephemeral),
        _ => [],
    };

    /// <summary>When the simulation next has something to do.</summary>
    public DateTimeOffset NextDue()
    {
        if (Terminating) return RemoveAt;
        if (Adopted) return DateTimeOffset.MaxValue;
        var next = Stage is PodStage.Mount or PodStage.Sandbox ? Due : DateTimeOffset.MaxValue;
        foreach (var c in Active) if (c.Due < next) next = c.Due;
        return next;
    }
}
