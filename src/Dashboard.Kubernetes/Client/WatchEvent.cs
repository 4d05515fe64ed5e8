using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Client;

/// <summary>What a watch event says.</summary>
public enum WatchEventType
{
    /// <summary>An object appeared (or is part of the initial state).</summary>
    Added,
    /// <summary>An object changed.</summary>
    Modified,
    /// <summary>An object went away.</summary>
    Deleted,
    /// <summary>No object change; the resourceVersion to resume from moved on.</summary>
    Bookmark,
    /// <summary>The server sent an ERROR event other than 410.</summary>
    Error,
    /// <summary>
    /// The resourceVersion is too old (410 Gone / Expired): the watch cannot resume and the caller must relist.
    /// Always the last event of the stream.
    /// </summary>
    Expired,
    /// <summary>A line could not be decoded; the stream goes on. <see cref="WatchEvent{T}.Message"/> says why.</summary>
    Malformed,
}

/// <summary>One event of a watch.</summary>
/// <typeparam name="T">The object model.</typeparam>
/// <param name="Type">The event type.</param>
/// <param name="Object">The object (Added, Modified, Deleted), else null.</param>
/// <param name="ResourceVersion">The resourceVersion the event carries (object or bookmark).</param>
/// <param name="Message">For Error, Expired and Malformed: what went wrong.</param>
/// <param name="Status">For Error and Expired: the Status object the server sent, if any.</param>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion, string? Message = null, JsonObject? Status = null)
    where T : KubeObject;
