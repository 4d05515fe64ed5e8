using System.Globalization;

namespace Dashboard.Core.Streams;

/// <summary>Why a terminal could not be opened.</summary>
public enum TerminalError
{
    /// <summary>None of the shells tried exists in the container.</summary>
    NoShell,
    /// <summary>The user may not create pods/exec here.</summary>
    Forbidden,
    /// <summary>The credential was rejected.</summary>
    Unauthorized,
    /// <summary>The pod does not exist.</summary>
    PodNotFound,
    /// <summary>The pod has no such container.</summary>
    ContainerNotFound,
    /// <summary>The container is not running (waiting, terminated, or the pod finished).</summary>
    ContainerNotRunning,
    /// <summary>The API server could not be reached.</summary>
    Connection,
    /// <summary>Anything else, with the server's words.</summary>
    Failed,
}

/// <summary>
/// A terminal that could not be opened: <see cref="Error"/> says why; the message is localized (format arguments: pod,
/// namespace, container, detail) and says what to do.
/// </summary>
public sealed class TerminalException : Exception
{
    /// <summary>Creates the exception with its localized message.</summary>
    public TerminalException(TerminalError error, string ns, string pod, string? container, string? detail, Exception? inner = null)
        : base(StreamStrings.Format("Terminal_" + error, CultureInfo.CurrentUICulture, pod, ns, container, detail), inner)
    {
        Error = error;
        Detail = detail;
    }

    /// <summary>Why.</summary>
    public TerminalError Error { get; }
    /// <summary>The cluster's own words (or the shells tried), when there are any.</summary>
    public string? Detail { get; }
}
