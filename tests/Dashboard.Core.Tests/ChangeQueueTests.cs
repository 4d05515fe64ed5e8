using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Core.Subscriptions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

public sealed class ChangeQueueTests
{
    private static CacheChange C(ChangeType type, string uid, string rv) =>
        new(type, new KubeObject(new JsonObject { ["metadata"] = new JsonObject { ["uid"] = uid, ["resourceVersion"] = rv } }));

    [Theory]
    [InlineData(ChangeType.Added, ChangeType.Modified, ChangeType.Added)]
    [InlineData(ChangeType.Added, ChangeType.Deleted, null)]
    [InlineData(ChangeType.Modified, ChangeType.Modified, ChangeType.Modified)]
    [InlineData(ChangeType.Modified, ChangeType.Deleted, ChangeType.Deleted)]
    [InlineData(ChangeType.Deleted, ChangeType.Added, ChangeType.Modified)]
    public void Coalescing_keeps_what_the_subscriber_must_see(ChangeType first, ChangeType second, ChangeType? expected)
    {
        var merged = ChangeQueue.Coalesce(C(first, "u", "1"), C(second, "u", "2"));
        Assert.Equal(expected, merged?.Type);
        if (merged is not null) Assert.Equal("2", merged.Object.ResourceVersion);
    }

    [Fact]
    public async Task Pending_changes_come_out_in_one_batch_in_first_seen_order()
    {
        var queue = new ChangeQueue(new InformerStatus(InformerState.Live, null, DateTimeOffset.UtcNow));
        queue.Offer(C(ChangeType.Added, "a", "1"));
        queue.Offer(C(ChangeType.Added, "b", "2"));
        queue.Offer(C(ChangeType.Modified, "a", "3"));
        queue.Offer(C(ChangeType.Added, "c", "4"));
        queue.Offer(C(ChangeType.Deleted, "c", "5"));
        queue.Complete();
        var batches = new List<ChangeBatch>();
        await foreach (var b in queue.ReadAllAsync(TimeSpan.Zero, TimeProvider.System, default)) batches.Add(b);
        var batch = Assert.Single(batches);
        Assert.Equal([("a", ChangeType.Added, "3"), ("b", ChangeType.Added, "2")],
            batch.Changes.Select(c => (c.Uid, c.Type, c.Object.ResourceVersion!)));
    }
}
