using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Kubernetes.Tests.Patching;

/// <summary>RFC 7386 Appendix A (every row of the table) and merge patch creation.</summary>
public class MergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void AppliesTheRfcExamples(string target, string patch, string expected)
    {
        var t = JsonNode.Parse(target);
        var before = t?.ToJsonString();
        var result = MergePatch.Apply(t, JsonNode.Parse(patch));
        Assert.True(JsonEquality.AreEqual(JsonNode.Parse(expected), result), $"expected {expected}, got {result?.ToJsonString() ?? "null"}");
        Assert.Equal(before, t?.ToJsonString());
    }

    [Fact]
    public void RfcSection3Example()
    {
        var target = JsonNode.Parse("""{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}""");
        var patch = JsonNode.Parse("""{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}""");
        var expected = JsonNode.Parse("""{"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}""");
        Assert.True(JsonEquality.AreEqual(expected, MergePatch.Apply(target, patch)));
    }

    [Fact]
    public void CreatesAPatchThatReproducesTheModifiedDocument()
    {
        var original = JsonNode.Parse("""{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"replicas":1,"list":[1,2],"same":{"x":1}}}""");
        var modified = JsonNode.Parse("""{"metadata":{"labels":{"a":"1","c":"3"}},"spec":{"replicas":3,"list":[2]," new":true,"same":{"x":1}}}""");
        var patch = MergePatch.Create(original, modified);
        Assert.True(JsonEquality.AreEqual(JsonNode.Parse("""{"metadata":{"labels":{"b":null,"c":"3"}},"spec":{"replicas":3,"list":[2]," new":true}}"""), patch),
            patch?.ToJsonString());
        Assert.True(JsonEquality.AreEqual(modified, MergePatch.Apply(original, patch)));
    }

    [Fact]
    public void EqualDocumentsGiveAnEmptyPatch() =>
        Assert.Equal("{}", MergePatch.Create(JsonNode.Parse("""{"a":[1,{"b":2}]}"""), JsonNode.Parse("""{"a":[1,{"b":2.0}]}"""))!.ToJsonString());

    [Fact]
    public void NonObjectChangesReplaceTheWholeDocument() =>
        Assert.Equal("[3]", MergePatch.Create(JsonNode.Parse("""{"a":1}"""), JsonNode.Parse("[3]"))!.ToJsonString());
}
