namespace Dashboard.Kubernetes.Emulator.Registry;

/// <summary>
/// The emulator's notion of "now": real time plus an offset that tests can advance, so that CronJob schedules,
/// ages and token expiry can be exercised without waiting.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Raised after <see cref="Advance"/> so that time-driven controllers re-evaluate.</summary>
    public event Action? Advanced;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves emulated time forward.</summary>
    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        Advanced?.Invoke();
    }
}
