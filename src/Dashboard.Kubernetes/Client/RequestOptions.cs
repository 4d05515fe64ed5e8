namespace Dashboard.Kubernetes.Client;

/// <summary>Options of a list request.</summary>
public sealed record ListOptions
{
    /// <summary>Label selector in string form (<c>app=web,tier!=db</c>).</summary>
    public string? LabelSelector { get; init; }
    /// <summary>Field selector (<c>spec.nodeName=n1</c>).</summary>
    public string? FieldSelector { get; init; }
    /// <summary>Page size (0: no limit).</summary>
    public int Limit { get; init; }
    /// <summary>Continue token of the previous page.</summary>
    public string? Continue { get; init; }
    /// <summary>resourceVersion semantics of the read (unset: latest; "0": any).</summary>
    public string? ResourceVersion { get; init; }
}

/// <summary>Options of a watch.</summary>
public sealed record WatchOptions
{
    /// <summary>Label selector.</summary>
    public string? LabelSelector { get; init; }
    /// <summary>Field selector.</summary>
    public string? FieldSelector { get; init; }
    /// <summary>Start after this resourceVersion (normally the list's); null sends synthetic ADDED events first.</summary>
    public string? ResourceVersion { get; init; }
    /// <summary>Ask for BOOKMARK events (on by default) so that resumes start from a recent version.</summary>
    public bool AllowBookmarks { get; init; } = true;
    /// <summary>Server-side timeout of each watch request; the client resumes after it.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Reconnect (from the last resourceVersion seen) when the stream ends; off gives one request only.</summary>
    public bool Resume { get; init; } = true;
}

/// <summary>Options of create, update and patch.</summary>
public sealed record WriteOptions
{
    /// <summary>Field manager name recorded in managedFields.</summary>
    public string? FieldManager { get; init; }
    /// <summary>Server-side dry run (dryRun=All).</summary>
    public bool DryRun { get; init; }
    /// <summary>fieldValidation: Strict, Warn or Ignore.</summary>
    public string? FieldValidation { get; init; }
}

/// <summary>The content type of a PATCH.</summary>
public enum PatchType
{
    /// <summary>RFC 6902 JSON Patch.</summary>
    Json,
    /// <summary>RFC 7386 JSON Merge Patch.</summary>
    Merge,
    /// <summary>Kubernetes strategic merge patch (built-in kinds only).</summary>
    StrategicMerge,
    /// <summary>Server-side apply.</summary>
    Apply,
}

/// <summary>Options of a delete.</summary>
public sealed record DeleteOptions
{
    /// <summary>Background, Foreground or Orphan.</summary>
    public string? PropagationPolicy { get; init; }
    /// <summary>Grace period in seconds (0 with force deletes at once).</summary>
    public long? GracePeriodSeconds { get; init; }
    /// <summary>Only delete if the uid still matches.</summary>
    public string? PreconditionUid { get; init; }
    /// <summary>Only delete if the resourceVersion still matches.</summary>
    public string? PreconditionResourceVersion { get; init; }
    /// <summary>Server-side dry run.</summary>
    public bool DryRun { get; init; }
}

/// <summary>Options of a pod log request.</summary>
public sealed record LogOptions
{
    /// <summary>Container (required when the pod has several).</summary>
    public string? Container { get; init; }
    /// <summary>Keep streaming new lines.</summary>
    public bool Follow { get; init; }
    /// <summary>Logs of the previous (terminated) container instance.</summary>
    public bool Previous { get; init; }
    /// <summary>Prefix lines with RFC 3339 timestamps.</summary>
    public bool Timestamps { get; init; }
    /// <summary>Only the last N lines.</summary>
    public long? TailLines { get; init; }
    /// <summary>Only lines newer than this many seconds.</summary>
    public long? SinceSeconds { get; init; }
    /// <summary>Only lines after this time.</summary>
    public DateTimeOffset? SinceTime { get; init; }
    /// <summary>Stop after this many bytes.</summary>
    public long? LimitBytes { get; init; }
}
