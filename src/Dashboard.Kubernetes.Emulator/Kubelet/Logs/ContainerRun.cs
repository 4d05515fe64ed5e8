using System.Globalization;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>How one run of a container ended, as lastState.terminated / state.terminated report it.</summary>
internal sealed record ContainerExit(DateTimeOffset FinishedAt, int ExitCode, string Reason);

/// <summary>
/// The log of one run of a container, generated on demand: line <c>i</c> is produced at
/// <c>start + offset + i·period + jitter(i)</c> and its text is a pure function of the run's seed and <c>i</c>.
/// Nothing is stored, so 30,000 pods cost no memory until someone reads their logs.
/// </summary>
internal sealed class ContainerRun
{
    /// <summary>Lines older than this many before the newest are "rotated away", like kubelet's 10 MiB log cap.</summary>
    public const long RetainedLines = 10_000;

    private readonly ILogFamily _family;
    private readonly LogSubject _subject;
    private readonly double _period;
    private readonly double _jitter;

    public ContainerRun(LogSubject subject, DateTimeOffset startedAt, ContainerExit? exit)
    {
        _subject = subject;
        StartedAt = startedAt;
        Exit = exit;
        _family = LogFamilies.For(subject);
        (_period, _jitter) = _family.Cadence(subject);
        Seed = StableRandom.Hash($"{subject.PodUid}/{subject.Container.Name}/{startedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
    }

    public LogSubject Subject => _subject;
    public DateTimeOffset StartedAt { get; }
    public ContainerExit? Exit { get; }
    public ulong Seed { get; }

    /// <summary>True when the process writes nothing while it runs (a shell that only sleeps).</summary>
    public bool Silent => _period <= 0;

    /// <summary>When line <paramref name="index"/> is written.</summary>
    public DateTimeOffset TimeOf(long index)
    {
        var u = StableRandom.Unit(StableRandom.Hash(Seed, index));
        var seconds = 0.2 + index * _period + u * _jitter;
        return StartedAt.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>The last line written at or before <paramref name="time"/>, or -1.</summary>
    public long LastIndexAt(DateTimeOffset time)
    {
        if (_period <= 0) return -1;
        var elapsed = (time - StartedAt).TotalSeconds - 0.2;
        if (elapsed < 0) return -1;
        var i = (long)Math.Floor(elapsed / _period);
        while (i >= 0 && TimeOf(i) > time) i--;
        while (TimeOf(i + 1) <= time) i++;
        return i;
    }

    /// <summary>The text of line <paramref name="index"/> (without newline).</summary>
    public string LineAt(long index) => _family.Line(_subject, this, index, StableRandom.Hash(Seed, index), TimeOf(index));

    /// <summary>The last words of a run that ended, written at its finish time, or null.</summary>
    public string? FinalLine() => Exit is null ? null : _family.FinalLine(_subject, this, Exit);

    /// <summary>Every line written in [from, to], oldest first, bounded by the retention window.</summary>
    public IEnumerable<(DateTimeOffset Time, string Text)> Lines(DateTimeOffset now)
    {
        var end = Exit?.FinishedAt ?? now;
        var last = LastIndexAt(end);
        for (var i = Math.Max(0, last - RetainedLines + 1); i <= last; i++)
            yield return (TimeOf(i), LineAt(i));
        if (Exit is not null && FinalLine() is { } final) yield return (Exit.FinishedAt, final);
    }
}

/// <summary>What a log line may mention about its pod.</summary>
internal sealed record LogSubject(string PodUid, string PodName, string Namespace, string PodIp, PodContainer Container);
