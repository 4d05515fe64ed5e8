using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>The cache keeps compact JSON; snapshots parse on read and share what is still held.</summary>
public sealed class CacheRepresentationTests(CacheFixture fx) : IClassFixture<CacheFixture>
{
    [Fact]
    public void An_object_from_utf8_reads_like_one_from_a_tree_and_writes_back_the_same_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"n","uid":"u-1","labels":{"app":"web"}},"data":{"k":"v"}}""");
        var obj = KubeObject.FromUtf8(bytes);

        Assert.Equal(("a", "n", "u-1", "web"), (obj.Name, obj.Namespace, obj.Uid, obj.Labels["app"]));
        Assert.Equal(bytes, obj.ToUtf8());
        obj.Json["data"]!["k"] = "changed"; // the parsed tree is the object's own: edits show in what it writes
        Assert.Contains("\"changed\"", Encoding.UTF8.GetString(obj.ToUtf8()), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_an_object_fail_on_first_use_with_a_clear_error()
    {
        var obj = KubeObject.FromUtf8(Encoding.UTF8.GetBytes("[1,2]"));
        var e = Assert.Throws<System.Text.Json.JsonException>(() => obj.Name);
        Assert.Contains("not a JSON object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_subscribers_share_parsed_objects_and_a_disposed_subscription_holds_nothing()
    {
        var ns = await fx.NewNamespace("representation");
        await fx.Admin.CreateAsync(ConfigMap.Resource, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "applied",
                ["labels"] = new JsonObject { ["app"] = "rep" },
                ["annotations"] = new JsonObject { [LeanObjects.LastApplied] = "{\"big\":\"copy\"}", ["keep"] = "me" },
            },
        });
        await using var cache = fx.NewCache();
        var key = fx.Key(ConfigMap.Resource, ns, selector: "app=rep");
        var first = await cache.SubscribeAsync(key);
        await using var second = await cache.SubscribeAsync(key);

        var a = Assert.Single(first.Snapshot);
        Assert.Same(a, Assert.Single(second.Snapshot));
        Assert.Equal("me", a.Annotations["keep"]);
        Assert.False(a.Annotations.ContainsKey(LeanObjects.LastApplied));
        Assert.Null(a.Metadata["managedFields"]);

        await first.DisposeAsync();
        Assert.Empty(first.Snapshot);
        Assert.Single(second.Snapshot);
    }
}
