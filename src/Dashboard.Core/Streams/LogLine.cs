using System.Globalization;

namespace Dashboard.Core.Streams;

/// <summary>Where a log line comes from: a pod, and the container when the line is about one.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container, or null for lines about the whole pod (joined, left).</param>
public sealed record LogSource(string Namespace, string Pod, string? Container)
{
    /// <summary>kubectl's <c>--prefix</c> form: <c>[pod/name/container]</c>.</summary>
    public string Prefix { get; } = Container is null ? $"[pod/{Pod}]" : $"[pod/{Pod}/{Container}]";

    /// <inheritdoc />
    public override string ToString() => Prefix;
}

/// <summary>What a line of a log session is.</summary>
public enum LogLineKind
{
    /// <summary>A line the container wrote.</summary>
    Text,
    /// <summary>A line the dashboard adds about a source (waiting, terminated, forbidden...): see <see cref="LogLine.Status"/>.</summary>
    Status,
}

/// <summary>Why the dashboard added a status line. Each one has a localized text (<see cref="LogLine.Describe"/>).</summary>
public enum LogStatus
{
    /// <summary>Not a status line.</summary>
    None,
    /// <summary>The container has not started (yet): the detail is the waiting reason and message.</summary>
    Waiting,
    /// <summary>The container's run ended: exit code and reason.</summary>
    Terminated,
    /// <summary>The container started again; the stream follows the new run.</summary>
    Restarted,
    /// <summary>The pod or the container does not exist.</summary>
    NotFound,
    /// <summary>There is no previous (terminated) instance of the container.</summary>
    NoPrevious,
    /// <summary>The user may not read these logs (or watch these pods).</summary>
    Forbidden,
    /// <summary>The credential was rejected: sign in again.</summary>
    Unauthorized,
    /// <summary>The stream broke; it resumes where it stopped.</summary>
    Reconnecting,
    /// <summary>Any other failure, with the server's message.</summary>
    Failed,
    /// <summary>A pod of the workload appeared.</summary>
    Joined,
    /// <summary>A pod of the workload went away.</summary>
    Left,
    /// <summary>The reader fell behind and the oldest unread lines were dropped: the count is in <see cref="LogLine.Count"/>.</summary>
    Dropped,
    /// <summary>The session's stream limit is reached: the source waits for a free stream.</summary>
    Queued,
}

/// <summary>
/// One line of a log session: a container's output (its text and, when the server sent it, its time) or a status line
/// added by the dashboard. Producers fill it; it never changes after.
/// </summary>
public sealed record LogLine
{
    /// <summary>Creates a text line.</summary>
    public LogLine(LogSource? source, DateTimeOffset? time, string text)
    {
        Source = source;
        Time = time;
        Text = text;
    }

    private LogLine(LogSource? source, LogStatus status, string? detail, long count)
    {
        Source = source;
        Kind = LogLineKind.Status;
        Status = status;
        Detail = detail;
        Count = count;
        Text = "";
    }

    /// <summary>A status line.</summary>
    public static LogLine ForStatus(LogSource? source, LogStatus status, string? detail = null, long count = 0) => new(source, status, detail, count);

    /// <summary>The pod and container, or null for lines about the whole session.</summary>
    public LogSource? Source { get; }
    /// <summary>Text or status.</summary>
    public LogLineKind Kind { get; }
    /// <summary>The time the container wrote the line (the server's timestamp), when known.</summary>
    public DateTimeOffset? Time { get; }
    /// <summary>The line as the container wrote it (status lines: empty; see <see cref="Describe"/>).</summary>
    public string Text { get; }
    /// <summary>Why a status line was added.</summary>
    public LogStatus Status { get; }
    /// <summary>The cluster's words for a status line (waiting reason, exit code and reason, the server's message).</summary>
    public string? Detail { get; }
    /// <summary>A number that goes with the status (dropped lines, restart count, stream limit).</summary>
    public long Count { get; }

    /// <summary>The line's text for a reader: the container's text, or the status in the given (or current UI) culture.</summary>
    public string Describe(CultureInfo? culture = null) =>
        Kind == LogLineKind.Text ? Text : StreamStrings.Status(this, culture ?? CultureInfo.CurrentUICulture);

    /// <summary>The timestamp as kubectl prints it with <c>--timestamps</c> (RFC 3339, UTC), or empty.</summary>
    public string TimestampText => Time is { } t ? LogTimestamps.Format(t) : "";

    /// <summary>The full display line: optional timestamp and prefix, then <see cref="Describe"/>.</summary>
    public string Format(bool timestamps, bool prefix, CultureInfo? culture = null)
    {
        var text = Describe(culture);
        if (prefix && Source is not null) text = Source.Prefix + " " + text;
        if (timestamps && Time is not null) text = TimestampText + " " + text;
        return text;
    }
}
