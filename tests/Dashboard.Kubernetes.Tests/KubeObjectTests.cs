using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Tests;

public sealed class KubeObjectTests
{
    [Fact]
    public void Numbers_read_the_same_whether_parsed_or_set_in_code()
    {
        var parsed = KubeObject.FromUtf8("""{"spec":{"replicas":3,"big":5000000000,"ratio":0.5}}"""u8.ToArray());
        var built = new KubeObject(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 3, ["big"] = 5_000_000_000L, ["ratio"] = 0.5 } });
        foreach (var o in new[] { parsed, built })
        {
            Assert.Equal(3, o.GetInt64("spec.replicas"));
            Assert.Equal(5_000_000_000L, o.GetInt64("spec.big"));
            Assert.Null(o.GetInt64("spec.ratio")); // not an integer
            Assert.Null(o.GetInt64("spec.missing"));
        }
    }

    [Fact]
    public void A_cached_objects_identity_is_read_once_and_shared()
    {
        var cached = KubeObject.FromUtf8("""{"metadata":{"name":"web","namespace":"shop","uid":"u-1"}}"""u8.ToArray());
        Assert.Equal(("web", "shop", "u-1"), (cached.Name, cached.Namespace, cached.Uid));
        // Every reader gets the same strings (pages listing 30,000 objects do not each decode their own).
        Assert.Same(cached.Name, cached.Name);
        Assert.Same(cached.Uid, cached.Uid);

        var clusterScoped = KubeObject.FromUtf8("""{"metadata":{"name":"node-1"}}"""u8.ToArray());
        Assert.Null(clusterScoped.Namespace);
        Assert.Null(clusterScoped.Namespace);

        // An object built in code stays editable: it reads its JSON each time.
        var built = new KubeObject(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "draft" } });
        Assert.Equal("draft", built.Name);
        built.Metadata["name"] = "renamed";
        built.Metadata["namespace"] = "shop";
        Assert.Equal(("renamed", "shop"), (built.Name, built.Namespace));
    }
}
