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
}
