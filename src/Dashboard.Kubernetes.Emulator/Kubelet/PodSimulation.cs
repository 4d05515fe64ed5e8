using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>
/// The simulated kubelet's pod worker: moves a pod's containers through pull, create, start, run, exit and restart
/// back-off as time passes, recording the events the real kubelet records. Pure state over <see cref="PodRuntime"/>;
/// the controller projects the result into pod status.
/// </summary>
internal static class PodSimulation
{
    private const double SandboxSeconds = 0.5;
    private const double PullSeconds = 1.0;
    private const double StartSeconds = 0.2;
    private const double ExitedShownSeconds = 1.0;
    private const double ErrImagePullShownSeconds = 1.0;
    private const double RetrySeconds = 10;
    private const double MountRetrySeconds = 20;

    /// <summary>Advances everything that is due at <paramref name="now"/>.</summary>
    public static void Advance(PodRuntime p, DateTimeOffset now, IKubeletHost host)
    {
        for (var guard = 0; guard < 500; guard++)
        {
            if (!Step(p, now, host)) return;
        }
    }

    /// <summary>Stops every container (graceful deletion); the controller removes the pod at <see cref="PodRuntime.RemoveAt"/>.</summary>
    public static void Terminate(PodRuntime p, DateTimeOffset now, double graceSeconds, IKubeletHost host)
    {
        if (p.Terminating) return;
        p.Terminating = true;
        foreach (var c in p.Init.Concat(p.Main).Concat(p.Ephemeral))
        {
            if (c.IsRunning)
            {
                host.Event("Normal", "Killing", $"Stopping container {c.Spec.Name}", c.Spec.FieldPath);
                c.State = Terminated(c, 0, "Completed", now);
            }
            c.Ready = false;
            c.Started = false;
            c.ClearTimers();
            c.Due = DateTimeOffset.MaxValue;
        }
        p.RemoveAt = now + Scaled(Math.Min(Math.Max(graceSeconds, 0), 1), host);
    }

    /// <summary>
    /// A container whose image was changed in the pod spec (the one mutable container field) is killed and started
    /// again from the new image, as the kubelet does when a container's hash changes; one stuck pulling retries at once.
    /// </summary>
    public static void ChangeSpec(PodRuntime p, ContainerRuntime c, ContainerSpec spec, DateTimeOffset now, IKubeletHost host)
    {
        var active = p.Active.Contains(c);
        c.Spec = spec;
        if (!active || c.Step == ContainerStep.Done) return;
        if (c.IsRunning)
        {
            host.Event("Normal", "Killing", $"Container {spec.Name} definition changed, will be restarted", spec.FieldPath);
            c.LastState = Terminated(c, 0, "Completed", now);
        }
        c.Ready = false;
        c.Started = false;
        c.ClearTimers();
        c.PullFailures = 0;
        c.State = ContainerRuntime.Waiting("ContainerCreating");
        Begin(c, now);
    }

    private static bool Step(PodRuntime p, DateTimeOffset now, IKubeletHost host)
    {
        switch (p.Stage)
        {
            case PodStage.Mount when p.Due <= now:
                return Mount(p, now, host);
            case PodStage.Sandbox when p.Due <= now:
                p.SandboxReady = true;
                p.PodIp ??= host.AllocateIp();
                if (p.Init.Count > 0)
                {
                    p.Stage = PodStage.Init;
                    p.InitIndex = 0;
                    Begin(p.Init[0], now);
                }
                else StartMain(p, now);
                return true;
            case PodStage.Init:
                var progressed = false;
                foreach (var c in p.Active.ToList())
                    if (c.Due <= now) progressed |= Container(p, c, now, host);
                var current = p.Init[p.InitIndex];
                if (current.Succeeded || (current.Spec.IsSidecar && current.Started))
                {
                    p.InitIndex++;
                    if (p.InitIndex < p.Init.Count) Begin(p.Init[p.InitIndex], now);
                    else StartMain(p, now);
                    return true;
                }
                return progressed;
            case PodStage.Main:
                var any = false;
                foreach (var c in p.Active.ToList())
                    if (c.Due <= now) any |= Container(p, c, now, host);
                return any;
            default:
                return false;
        }
    }

    private static bool Mount(PodRuntime p, DateTimeOffset now, IKubeletHost host)
    {
        var failed = false;
        foreach (var r in p.VolumeRefs)
        {
            if (host.ConfigError(r) is not { } error) continue;
            host.Event("Warning", "FailedMount", $"MountVolume.SetUp failed for volume \"{r.Volume}\" : {error}");
            p.WaitingOn.Add(ConfigKey(r, host));
            failed = true;
        }
        if (failed)
        {
            p.Due = now + Scaled(MountRetrySeconds, host);
            return false;
        }
        p.Stage = PodStage.Sandbox;
        p.Due = now + Scaled(SandboxSeconds * (1 + Random.Shared.NextDouble() * 0.4), host);
        return true;
    }

    private static void StartMain(PodRuntime p, DateTimeOffset now)
    {
        p.Stage = PodStage.Main;
        foreach (var c in p.Main.Concat(p.Ephemeral))
        {
            c.State = ContainerRuntime.Waiting("ContainerCreating");
            Begin(c, now);
        }
    }

    /// <summary>Adds an ephemeral container; it starts now if the pod's app containers already run, else with them.</summary>
    public static void AddEphemeral(PodRuntime p, ContainerSpec spec, DateTimeOffset now)
    {
        var c = new ContainerRuntime(spec) { State = ContainerRuntime.Waiting("ContainerCreating") };
        p.Ephemeral.Add(c);
        if (p.Stage == PodStage.Main && !p.Terminating) Begin(c, now);
    }

    private static void Begin(ContainerRuntime c, DateTimeOffset now)
    {
        c.Step = ContainerStep.Pull;
        c.Due = now;
    }

    private static bool Container(PodRuntime p, ContainerRuntime c, DateTimeOffset now, IKubeletHost host)
    {
        var s = c.Spec;
        switch (c.Step)
        {
            case ContainerStep.Pull:
                if (s.PullPolicy == "Never" && !host.HasImage(s.Image))
                {
                    var msg = $"Container image \"{s.Image}\" is not present with pull policy of Never";
                    c.State = ContainerRuntime.Waiting("ErrImageNeverPull", msg);
                    host.Event("Warning", "ErrImageNeverPull", msg, s.FieldPath);
                    Idle(c);
                    return true;
                }
                if (s.PullPolicy != "Always" && host.HasImage(s.Image))
                {
                    host.Event("Normal", "Pulled", $"Container image \"{s.Image}\" already present on machine", s.FieldPath);
                    c.Step = ContainerStep.Create;
                    c.Due = now;
                    return true;
                }
                host.Event("Normal", "Pulling", $"Pulling image \"{s.Image}\"", s.FieldPath);
                c.Step = ContainerStep.Pulling;
                c.PullSeconds = PullSeconds * (0.8 + Random.Shared.NextDouble() * 0.6);
                c.Due = now + Scaled(c.PullSeconds, host);
                return true;

            case ContainerStep.Pulling:
                if (ImageNames.PullError(s.Image) is { } error)
                {
                    host.Event("Warning", "Failed", $"Failed to pull image \"{s.Image}\": {error}", s.FieldPath);
                    host.Event("Warning", "Failed", "Error: ErrImagePull", s.FieldPath);
                    c.State = ContainerRuntime.Waiting("ErrImagePull", error);
                    c.PullFailures++;
                    c.BackOffUntil = now + Scaled(BackOffSeconds(c.PullFailures), host);
                    c.Step = ContainerStep.PullBackOff;
                    c.Due = now + Scaled(ErrImagePullShownSeconds, host);
                    return true;
                }
                // The simulated duration, not the scaled wall time, so the message reads like a real pull.
                var tookText = c.PullSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
                host.Event("Normal", "Pulled",
                    $"Successfully pulled image \"{s.Image}\" in {tookText} ({tookText} including waiting). Image size: {ImageNames.Size(s.Image)} bytes.",
                    s.FieldPath);
                host.AddImage(s.Image);
                c.Step = ContainerStep.Create;
                c.Due = now;
                return true;

            case ContainerStep.PullBackOff:
                if (c.State["waiting"]?["reason"]?.GetValue<string>() == "ErrImagePull")
                {
                    var pullError = c.State["waiting"]?["message"]?.GetValue<string>();
                    c.State = ContainerRuntime.Waiting("ImagePullBackOff", $"Back-off pulling image \"{s.Image}\": ErrImagePull: {pullError}");
                    host.Event("Normal", "BackOff", $"Back-off pulling image \"{s.Image}\"", s.FieldPath);
                    host.Event("Warning", "Failed", "Error: ImagePullBackOff", s.FieldPath);
                    c.Due = c.BackOffUntil > now ? c.BackOffUntil : now;
                    return true;
                }
                c.Step = ContainerStep.Pull;
                c.Due = now;
                return true;

            case ContainerStep.Create:
                foreach (var r in s.EnvRefs)
                {
                    if (host.ConfigError(r) is not { } configError) continue;
                    c.State = ContainerRuntime.Waiting("CreateContainerConfigError", configError);
                    host.Event("Warning", "Failed", $"Error: {configError}", s.FieldPath);
                    p.WaitingOn.Add(ConfigKey(r, host));
                    c.Due = now + Scaled(RetrySeconds, host);
                    return true;
                }
                if (c.EverCreated) c.RestartCount++;
                c.EverCreated = true;
                c.ContainerId = "containerd://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                host.Event("Normal", "Created", $"Created container: {s.Name}", s.FieldPath);
                c.Step = ContainerStep.Start;
                c.Due = now + Scaled(StartSeconds, host);
                return true;

            case ContainerStep.Start:
                host.Event("Normal", "Started", $"Started container {s.Name}", s.FieldPath);
                StartRunning(c, now, host);
                return true;

            case ContainerStep.Running:
                Run(p, c, now, host);
                return true;

            case ContainerStep.Exited:
                var delay = BackOffSeconds(c.RestartCount);
                var text = GoDuration(delay);
                c.State = ContainerRuntime.Waiting("CrashLoopBackOff",
                    $"back-off {text} restarting failed container={s.Name} pod={host.PodName}_{host.PodNamespace}({host.PodUid})");
                host.Event("Warning", "BackOff", $"Back-off restarting failed container {s.Name} in pod {host.PodName}_{host.PodNamespace}({host.PodUid})", s.FieldPath);
                c.Step = ContainerStep.CrashBackOff;
                c.Due = c.BackOffUntil > now ? c.BackOffUntil : now;
                return true;

            case ContainerStep.CrashBackOff:
                c.Step = ContainerStep.Pull;
                c.Due = now;
                return true;

            default:
                Idle(c);
                return false;
        }
    }

    private static void StartRunning(ContainerRuntime c, DateTimeOffset now, IKubeletHost host)
    {
        var s = c.Spec;
        c.State = new System.Text.Json.Nodes.JsonObject { ["running"] = new System.Text.Json.Nodes.JsonObject { ["startedAt"] = Json.Time(now) } };
        c.StartedAt = now;
        c.Step = ContainerStep.Running;
        c.ClearTimers();
        if (s.RunSeconds is { } run) c.ExitAt = now + Scaled(run, host);
        if (s.Startup is { } startup)
        {
            c.Started = false;
            if (startup.Fails) c.NextStartupProbe = now + Scaled(startup.InitialDelaySeconds + startup.PeriodSeconds, host);
            else c.StartupDoneAt = now + Scaled(startup.InitialDelaySeconds, host);
        }
        else c.Started = true;
        c.Ready = false;
        if (c.Started) StartProbes(c, now, host);
        c.Due = NextRunningDue(c, now);
    }

    private static void StartProbes(ContainerRuntime c, DateTimeOffset now, IKubeletHost host)
    {
        var s = c.Spec;
        if (s.Readiness is null) c.Ready = !s.IsInit || s.IsSidecar;
        else if (s.Readiness.Fails) c.NextReadinessFailure = now + Scaled(s.Readiness.InitialDelaySeconds, host);
        else c.ReadyAt = now + Scaled(s.Readiness.InitialDelaySeconds, host);
        if (s.Liveness is { Fails: true } liveness) c.NextLivenessProbe = now + Scaled(liveness.InitialDelaySeconds + liveness.PeriodSeconds, host);
    }

    private static void Run(PodRuntime p, ContainerRuntime c, DateTimeOffset now, IKubeletHost host)
    {
        var s = c.Spec;
        if (c.StartupDoneAt <= now)
        {
            c.StartupDoneAt = null;
            c.Started = true;
            StartProbes(c, now, host);
        }
        if (c.NextStartupProbe <= now && s.Startup is { } startup)
        {
            host.Event("Warning", "Unhealthy", $"Startup probe failed: {startup.FailureMessage}", s.FieldPath);
            if (++c.StartupFailures >= startup.FailureThreshold)
            {
                host.Event("Normal", "Killing", $"Container {s.Name} failed startup probe, will be restarted", s.FieldPath);
                Exit(p, c, 137, "Error", now, host, forceRestart: true);
                return;
            }
            c.NextStartupProbe = now + Scaled(startup.PeriodSeconds, host);
        }
        if (c.ReadyAt <= now)
        {
            c.ReadyAt = null;
            c.Ready = true;
        }
        if (c.NextReadinessFailure <= now && s.Readiness is { } readiness)
        {
            host.Event("Warning", "Unhealthy", $"Readiness probe failed: {readiness.FailureMessage}", s.FieldPath);
            c.NextReadinessFailure = now + Scaled(readiness.PeriodSeconds, host);
        }
        if (c.NextLivenessProbe <= now && s.Liveness is { } liveness)
        {
            host.Event("Warning", "Unhealthy", $"Liveness probe failed: {liveness.FailureMessage}", s.FieldPath);
            if (++c.LivenessFailures >= liveness.FailureThreshold)
            {
                host.Event("Normal", "Killing", $"Container {s.Name} failed liveness probe, will be restarted", s.FieldPath);
                Exit(p, c, 137, "Error", now, host, forceRestart: true);
                return;
            }
            c.NextLivenessProbe = now + Scaled(liveness.PeriodSeconds, host);
        }
        if (c.ExitAt <= now)
        {
            Exit(p, c, s.ExitCode, s.OomKilled ? "OOMKilled" : s.ExitCode == 0 ? "Completed" : "Error", now, host, forceRestart: false);
            return;
        }
        c.Due = NextRunningDue(c, now);
    }

    private static void Exit(PodRuntime p, ContainerRuntime c, int exitCode, string reason, DateTimeOffset now, IKubeletHost host, bool forceRestart)
    {
        var terminated = Terminated(c, exitCode, reason, now);
        c.State = terminated;
        c.Ready = false;
        c.Started = false;
        c.ClearTimers();
        var policy = c.Spec.IsEphemeral ? "Never" : c.Spec.IsSidecar ? "Always" : c.Spec.IsInit && p.RestartPolicy == "Always" ? "OnFailure" : p.RestartPolicy;
        var restart = forceRestart ? policy != "Never" : policy == "Always" || (policy == "OnFailure" && exitCode != 0);
        if (!restart)
        {
            c.Step = ContainerStep.Done;
            c.Due = DateTimeOffset.MaxValue;
            return;
        }
        c.LastState = terminated.DeepClone().AsObject();
        var delay = BackOffSeconds(c.RestartCount);
        if (c.RestartCount == 0)
        {
            // The first restart is immediate; the back-off starts from the second failure, as the kubelet's does.
            c.Step = ContainerStep.Pull;
            c.Due = now;
            return;
        }
        c.BackOffUntil = now + Scaled(delay, host);
        c.Step = ContainerStep.Exited;
        c.Due = now + Scaled(Math.Min(ExitedShownSeconds, delay / 2), host);
    }

    private static System.Text.Json.Nodes.JsonObject Terminated(ContainerRuntime c, int exitCode, string reason, DateTimeOffset now)
    {
        var t = new System.Text.Json.Nodes.JsonObject
        {
            ["exitCode"] = exitCode,
            ["reason"] = reason,
            ["startedAt"] = Json.Time(c.StartedAt),
            ["finishedAt"] = Json.Time(now),
        };
        if (c.ContainerId is not null) t["containerID"] = c.ContainerId;
        return new System.Text.Json.Nodes.JsonObject { ["terminated"] = t };
    }

    private static DateTimeOffset NextRunningDue(ContainerRuntime c, DateTimeOffset now)
    {
        var next = c.NextTimer();
        return next < now ? now : next;
    }

    private static void Idle(ContainerRuntime c)
    {
        c.Step = ContainerStep.Idle;
        c.Due = DateTimeOffset.MaxValue;
    }

    /// <summary>The kubelet's back-off after the n-th failure: 10 s doubling to 5 min (n=0 → 0).</summary>
    internal static double BackOffSeconds(int failures) => failures <= 0 ? 0 : Math.Min(300, 10 * Math.Pow(2, failures - 1));

    /// <summary>Go's time.Duration formatting for whole seconds: <c>10s</c>, <c>1m20s</c>, <c>5m0s</c>.</summary>
    internal static string GoDuration(double seconds)
    {
        var total = (long)Math.Round(seconds);
        if (total < 60) return $"{total}s";
        var h = total / 3600;
        var m = total % 3600 / 60;
        var sec = total % 60;
        return h > 0 ? $"{h}h{m}m{sec}s" : $"{m}m{sec}s";
    }

    internal static string ConfigKey(ConfigRef r, IKubeletHost host) => $"{r.Kind}/{host.PodNamespace}/{r.Name}";

    private static TimeSpan Scaled(double seconds, IKubeletHost host) => TimeSpan.FromSeconds(seconds * host.Scale);
}
