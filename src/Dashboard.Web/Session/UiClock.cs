namespace Dashboard.Web.Session;

/// <summary>
/// One timer per circuit that makes ages tick: every second it raises <see cref="Tick"/>, and each visible age
/// re-renders itself when its text changed. It never touches the API server.
/// </summary>
public sealed class UiClock : IDisposable
{
    private readonly Timer _timer;

    /// <summary>Starts ticking.</summary>
    public UiClock(TimeProvider time)
    {
        Time = time;
        _timer = new Timer(_ => Tick?.Invoke(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The clock ages are measured against.</summary>
    public TimeProvider Time { get; }

    /// <summary>Now.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Raised every second on a pool thread.</summary>
    public event Action? Tick;

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();
}
