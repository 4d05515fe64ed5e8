namespace Dashboard.Core.Streams;

/// <summary>What a log session reads, as <c>kubectl logs</c> options.</summary>
public sealed record LogRequest
{
    /// <summary>One container; null reads all containers (init, app and ephemeral), each line tagged with its container.</summary>
    public string? Container { get; init; }
    /// <summary>Keep streaming new lines (and follow restarted containers and, for workloads, new pods).</summary>
    public bool Follow { get; init; } = true;
    /// <summary>The previous (terminated) instance of each container; never follows.</summary>
    public bool Previous { get; init; }
    /// <summary>Show timestamps. Lines always carry their time; this is the reader's display preference.</summary>
    public bool Timestamps { get; init; }
    /// <summary>Only the last N lines of each container's current log (the first read only; later runs are read whole).</summary>
    public long? TailLines { get; init; }
    /// <summary>Only lines newer than this many seconds.</summary>
    public long? SinceSeconds { get; init; }
    /// <summary>Only lines after this time.</summary>
    public DateTimeOffset? SinceTime { get; init; }
    /// <summary>Unread lines kept per session; older unread lines are dropped and a <see cref="LogStatus.Dropped"/> line says how many.</summary>
    public int BufferLines { get; init; } = 100_000;
    /// <summary>Log streams open at once per session (kubectl's --max-log-requests); further sources wait for a free one.</summary>
    public int MaxStreams { get; init; } = 50;

    /// <summary>Checks the values; returns the localized problem or null.</summary>
    public string? Validate(System.Globalization.CultureInfo? culture = null)
    {
        culture ??= System.Globalization.CultureInfo.CurrentUICulture;
        if (TailLines is < 0) return StreamStrings.Get("Logs_InvalidTail", culture);
        if (SinceSeconds is <= 0) return StreamStrings.Get("Logs_InvalidSince", culture);
        if (SinceSeconds is not null && SinceTime is not null) return StreamStrings.Get("Logs_SinceBoth", culture);
        if (BufferLines < 1 || MaxStreams < 1) return StreamStrings.Get("Logs_InvalidLimits", culture);
        return null;
    }
}
