using System.Collections.Concurrent;

namespace Dashboard.Kubernetes.Emulator.Testing;

/// <summary>A fault to inject into matching requests.</summary>
public sealed record Fault
{
    /// <summary>Matches requests whose path contains this text (null: all API requests).</summary>
    public string? PathContains { get; init; }
    /// <summary>Matches only this HTTP method (null: any).</summary>
    public string? Method { get; init; }
    /// <summary>Matches only watch requests when true, only non-watch when false.</summary>
    public bool? Watch { get; init; }
    /// <summary>Delay before handling.</summary>
    public TimeSpan Latency { get; init; }
    /// <summary>Answer with this status code instead of handling (500, 503, 429...).</summary>
    public int? StatusCode { get; init; }
    /// <summary>Retry-After seconds sent with the status code.</summary>
    public int? RetryAfterSeconds { get; init; }
    /// <summary>For watches: close the stream after this many events.</summary>
    public int? DropWatchAfterEvents { get; init; }
    /// <summary>How many requests the fault applies to before it is used up (null: forever).</summary>
    public int? Times { get; init; }
}

/// <summary>
/// Test seam modelled on client-go's reactor chains: faults are matched against requests in order and applied
/// (latency, error status with Retry-After, dropped watches). Expired resource versions come from
/// <see cref="Storage.ObjectStore.CompactAll"/>.
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<Guid, (Fault Fault, int Remaining)> _faults = new();

    /// <summary>Adds a fault; dispose the result to remove it.</summary>
    public IDisposable Add(Fault fault)
    {
        var id = Guid.NewGuid();
        _faults[id] = (fault, fault.Times ?? int.MaxValue);
        return new Removal(() => _faults.TryRemove(id, out _));
    }

    /// <summary>Removes every fault.</summary>
    public void Clear() => _faults.Clear();

    /// <summary>The first fault matching a request, consuming one of its uses.</summary>
    public Fault? Match(string method, string path, bool isWatch)
    {
        foreach (var (id, entry) in _faults)
        {
            var f = entry.Fault;
            if (f.PathContains is not null && !path.Contains(f.PathContains, StringComparison.Ordinal)) continue;
            if (f.Method is not null && !string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
            if (f.Watch is { } w && w != isWatch) continue;
            if (entry.Remaining <= 0) continue;
            if (entry.Remaining != int.MaxValue)
            {
                if (!_faults.TryUpdate(id, (f, entry.Remaining - 1), entry)) continue;
                if (entry.Remaining - 1 == 0) _faults.TryRemove(id, out _);
            }
            return f;
        }
        return null;
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
