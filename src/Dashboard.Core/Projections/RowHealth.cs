namespace Dashboard.Core.Projections;

/// <summary>A row's health at a glance, for colouring and filtering; the row's own text says the detail.</summary>
public enum RowHealth
{
    /// <summary>Nothing to say.</summary>
    Unknown,
    /// <summary>Running as desired.</summary>
    Ok,
    /// <summary>On its way (pending, creating, rolling out, terminating).</summary>
    Progressing,
    /// <summary>Degraded: not ready, fewer replicas than desired.</summary>
    Warning,
    /// <summary>Broken: crash loops, pull errors, failed jobs.</summary>
    Failed,
    /// <summary>Finished successfully (completed pods and jobs).</summary>
    Completed,
}
