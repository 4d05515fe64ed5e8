using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Patching;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Strategic merge patch rules for built-in kinds, checked against the merge semantics of apimachinery.</summary>
public class StrategicMergePatchTests
{
    private static ResourceType Kind(string kind) => BuiltInResources.Types.First(t => t.Kind == kind);

    private static JsonObject Patch(string kind, string original, string patch) =>
        new StrategicMergePatchApplier().Apply(Kind(kind), JsonNode.Parse(original)!.AsObject(), Encoding.UTF8.GetBytes(patch));

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonEquality.AreEqual(JsonNode.Parse(expected), actual), $"expected {expected}\n     got {actual.ToJsonString()}");

    private const string Pod = """
        {"metadata":{"name":"p","labels":{"a":"1"},"finalizers":["x"]},
         "spec":{"containers":[
           {"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80},{"containerPort":443}],"args":["a","b"]},
           {"name":"side","image":"busybox"}]}}
        """;

    [Fact]
    public void ContainersMergeByNameAndNewOnesAreAppended()
    {
        var r = Patch("Pod", Pod, """{"spec":{"containers":[{"name":"web","image":"nginx:2"},{"name":"new","image":"redis"}]}}""");
        AssertJson("""["web","side","new"]""", new JsonArray([.. r.Items("spec.containers").Select(c => (JsonNode)c.Str("name")!)]));
        Assert.Equal("nginx:2", r.Items("spec.containers").First().Str("image"));
        Assert.Equal(2, (r.At("spec.containers") as JsonArray)![0]!["env"]!.AsArray().Count); // untouched nested lists survive
    }

    [Fact]
    public void EnvMergesByNameAndPortsByContainerPort()
    {
        var r = Patch("Pod", Pod, """{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"two"},{"name":"C","value":"3"}],"ports":[{"containerPort":80,"name":"http"}]}]}}""");
        var web = r.Items("spec.containers").First();
        AssertJson("""[{"name":"A","value":"1"},{"name":"B","value":"two"},{"name":"C","value":"3"}]""", web["env"]!);
        AssertJson("""[{"containerPort":80,"name":"http"},{"containerPort":443}]""", web["ports"]!);
    }

    [Fact]
    public void NonKeyedListsAreReplaced()
    {
        var r = Patch("Pod", Pod, """{"spec":{"containers":[{"name":"web","args":["c"]}]}}""");
        AssertJson("""["c"]""", r.Items("spec.containers").First()["args"]!);
    }

    [Fact]
    public void PatchDeleteDirectiveRemovesAListElement()
    {
        var r = Patch("Pod", Pod, """{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}""");
        Assert.Equal(["web"], r.Items("spec.containers").Select(c => c.Str("name")));
    }

    [Fact]
    public void PatchReplaceDirectiveReplacesTheListOrMap()
    {
        var list = Patch("Pod", Pod, """{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}""");
        Assert.Equal(["only"], list.Items("spec.containers").Select(c => c.Str("name")));
        var map = Patch("Pod", Pod, """{"metadata":{"labels":{"b":"2","$patch":"replace"}}}""");
        AssertJson("""{"b":"2"}""", map.At("metadata.labels")!);
    }

    [Fact]
    public void PatchDeleteDirectiveOnAMapEmptiesIt()
    {
        var r = Patch("Pod", Pod, """{"spec":{"containers":[{"name":"web","resources":{"$patch":"delete"}}]}}""");
        AssertJson("{}", r.Items("spec.containers").First()["resources"]!);
    }

    [Fact]
    public void FinalizersMergeAsASetAndDeleteFromPrimitiveListRemoves()
    {
        var added = Patch("Pod", Pod, """{"metadata":{"finalizers":["x","y"]}}""");
        AssertJson("""["x","y"]""", added.At("metadata.finalizers")!);
        var removed = Patch("Pod", added.ToJsonString(), """{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}""");
        AssertJson("""["y"]""", removed.At("metadata.finalizers")!);
    }

    [Fact]
    public void SetElementOrderOrdersTheMergedList()
    {
        var r = Patch("Pod", Pod, """{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"name":"web","image":"nginx:3"}]}}""");
        Assert.Equal(["side", "web"], r.Items("spec.containers").Select(c => c.Str("name")));
        Assert.Equal("nginx:3", r.Items("spec.containers").Last().Str("image"));
    }

    [Fact]
    public void RetainKeysDropsFieldsNotListed()
    {
        var r = Patch("Deployment", """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");
        AssertJson("""{"type":"Recreate"}""", r.At("spec.strategy")!);
    }

    [Fact]
    public void NullRemovesAFieldAndServicePortsMergeByPort()
    {
        var r = Patch("Service", """{"metadata":{"labels":{"a":"1"}},"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}""",
            """{"metadata":{"labels":{"a":null}},"spec":{"ports":[{"port":80,"targetPort":9090}]}}""");
        Assert.Null(r.At("metadata.labels"));
        AssertJson("""[{"port":80,"targetPort":9090},{"port":443}]""", r.At("spec.ports")!);
    }

    [Fact]
    public void TemplateContainersOfWorkloadsMergeByName()
    {
        var r = Patch("Deployment", """{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"}]}}}}""");
        AssertJson("""[{"name":"a","image":"1"},{"name":"b","image":"2"}]""", r.At("spec.template.spec.containers")!);
    }

    [Fact]
    public void LabelSelectorsMergeKeyByKey()
    {
        var r = Patch("Deployment", """{"spec":{"selector":{"matchLabels":{"a":"1"}}}}""", """{"spec":{"selector":{"matchLabels":{"b":"2"}}}}""");
        AssertJson("""{"matchLabels":{"a":"1","b":"2"}}""", r.At("spec.selector")!);
    }

    [Fact]
    public void MissingMergeKeyIsABadRequest()
    {
        var e = Assert.Throws<ApiException>(() => Patch("Pod", Pod, """{"spec":{"containers":[{"image":"x"}]}}"""));
        Assert.Equal(400, e.Code);
        Assert.Contains("does not contain declared merge key: name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomResourcesRefuseStrategicMergeWith415()
    {
        var crd = new ResourceType("example.com", "v1", "Widget", "widgets", true, [], [], []) { IsCustom = true };
        var e = Assert.Throws<ApiException>(() => new StrategicMergePatchApplier().Apply(crd, [], Encoding.UTF8.GetBytes("{}")));
        Assert.Equal(415, e.Code);
        Assert.DoesNotContain("strategic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedJsonPatchTestIsA422LikeTheRealServer()
    {
        var e = Assert.Throws<ApiException>(() => new JsonPatchApplier().Apply(Kind("ConfigMap"), JsonNode.Parse("""{"data":{"a":"1"}}""")!.AsObject(),
            Encoding.UTF8.GetBytes("""[{"op":"test","path":"/data/a","value":"2"}]""")));
        Assert.Equal(422, e.Code);
        Assert.Equal("Invalid", e.Reason);
        Assert.Equal("the server rejected our request due to an error in our request", e.Message);
    }
}
