using Dashboard.Core.Caching;

namespace Dashboard.Core.Subscriptions;

/// <summary>Changes delivered together (coalesced by uid), with the informer's status at delivery.</summary>
public sealed record ChangeBatch(IReadOnlyList<CacheChange> Changes, InformerStatus Status);
