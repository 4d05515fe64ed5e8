using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Caching;

/// <summary>How an object changed in a cache.</summary>
public enum ChangeType
{
    /// <summary>New to the subscriber.</summary>
    Added,
    /// <summary>Changed.</summary>
    Modified,
    /// <summary>Gone.</summary>
    Deleted,
}

/// <summary>One change of one object (by uid).</summary>
public sealed record CacheChange(ChangeType Type, KubeObject Object)
{
    /// <summary>The object's uid, the key changes are coalesced by.</summary>
    public string Uid => Object.Uid;
}
