using System.Collections.Concurrent;

namespace Dashboard.Kubernetes.Emulator.Testing;

/// <summary>One request as the emulator received it.</summary>
public sealed record LoggedRequest(DateTimeOffset At, string Method, string Path, string Query, string User, string Verb, string Resource, string Namespace, int StatusCode);

/// <summary>Every request the emulator served, for tests to assert on (e.g. "exactly one LIST and one WATCH").</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _entries = new();

    /// <summary>Maximum entries kept (oldest dropped first).</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>All entries, oldest first.</summary>
    public IReadOnlyList<LoggedRequest> Entries => _entries.ToArray();

    /// <summary>Forgets everything recorded so far.</summary>
    public void Clear() => _entries.Clear();

    internal void Add(LoggedRequest entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _)) { }
    }
}
