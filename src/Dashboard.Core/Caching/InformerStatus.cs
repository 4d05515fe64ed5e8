namespace Dashboard.Core.Caching;

/// <summary>Where an informer is in its life.</summary>
public enum InformerState
{
    /// <summary>Listing for the first time (or relisting after an expiry).</summary>
    Syncing,
    /// <summary>Listed and watching: the cache is current.</summary>
    Live,
    /// <summary>The watch failed; the cache holds the last known state and a retry is scheduled.</summary>
    Reconnecting,
    /// <summary>The identity may not list or watch this kind here (403); retried rarely.</summary>
    Forbidden,
    /// <summary>The credential was rejected (401): the user must sign in again; no retries.</summary>
    Unauthorized,
    /// <summary>The API server refused the request as malformed (400, e.g. a bad selector); no retries.</summary>
    Invalid,
    /// <summary>Stopped (no subscribers left, or disposed).</summary>
    Stopped,
}

/// <summary>An informer's state, with the error that caused it and when it began.</summary>
public sealed record InformerStatus(InformerState State, string? Error, DateTimeOffset Since)
{
    /// <summary>True when the cached data can be shown (possibly stale while reconnecting).</summary>
    public bool HasData => State is InformerState.Live or InformerState.Reconnecting;
}
