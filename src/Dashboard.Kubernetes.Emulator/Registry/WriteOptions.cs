namespace Dashboard.Kubernetes.Emulator.Registry;

/// <summary>Options of a create, update or patch request.</summary>
public sealed record WriteOptions
{
    /// <summary>dryRun=All: run the whole pipeline, store nothing.</summary>
    public bool DryRun { get; init; }
    /// <summary>The field manager named by the request (or derived from the user agent).</summary>
    public string? FieldManager { get; init; }
    /// <summary>Server-side apply's force flag.</summary>
    public bool Force { get; init; }
    /// <summary>The subresource being written (status, scale), or null for the main resource.</summary>
    public string? Subresource { get; init; }

    /// <summary>Defaults.</summary>
    public static WriteOptions Default { get; } = new();
}

/// <summary>Options of a delete request (the DeleteOptions body merged with query parameters).</summary>
public sealed record DeleteOptions
{
    /// <summary>Background, Foreground or Orphan; null means the kind's default.</summary>
    public string? PropagationPolicy { get; init; }
    /// <summary>Seconds of graceful termination (pods); 0 deletes at once.</summary>
    public long? GracePeriodSeconds { get; init; }
    /// <summary>Precondition on uid.</summary>
    public string? PreconditionUid { get; init; }
    /// <summary>Precondition on resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }
    /// <summary>dryRun=All.</summary>
    public bool DryRun { get; init; }

    /// <summary>Defaults.</summary>
    public static DeleteOptions Default { get; } = new();
}
