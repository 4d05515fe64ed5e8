namespace Dashboard.Core.Caching;

/// <summary>Tuning of informers and subscriptions.</summary>
public sealed record InformerOptions
{
    /// <summary>Page size of the initial list.</summary>
    public int PageSize { get; init; } = 500;
    /// <summary>Minimum time between two batches delivered to one subscriber.</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long an informer keeps running after its last subscriber left (quick navigation keeps the watch).</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>First retry delay after a failure (doubles up to <see cref="MaxBackoff"/>, with jitter).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Longest retry delay after failures.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Retry delay while forbidden: permissions rarely change, so do not hammer the API server.</summary>
    public TimeSpan ForbiddenRetry { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Server-side timeout of each watch request.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Time source (tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
