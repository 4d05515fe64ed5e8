using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Patching;

namespace Dashboard.Kubernetes.Tests.Patching;

/// <summary>RFC 6902 Appendix A, example by example, plus the error cases a server must reject.</summary>
public class JsonPatchTests
{
    private static void AssertPatch(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), patch);
        Assert.True(JsonEquality.AreEqual(JsonNode.Parse(expected), result), $"expected {expected}, got {result?.ToJsonString()}");
    }

    private static PatchException AssertFails(string document, string patch)
    {
        var original = JsonNode.Parse(document);
        var before = original?.ToJsonString();
        var e = Assert.Throws<PatchException>(() => JsonPatch.Apply(original, patch));
        Assert.Equal(before, original?.ToJsonString()); // atomic: the input is untouched
        return e;
    }

    [Fact] // A.1
    public void AddingAnObjectMember() =>
        AssertPatch("""{ "foo": "bar"}""", """[{ "op": "add", "path": "/baz", "value": "qux" }]""", """{"baz": "qux", "foo": "bar"}""");

    [Fact] // A.2
    public void AddingAnArrayElement() =>
        AssertPatch("""{ "foo": [ "bar", "baz" ] }""", """[{ "op": "add", "path": "/foo/1", "value": "qux" }]""", """{ "foo": [ "bar", "qux", "baz" ] }""");

    [Fact] // A.3
    public void RemovingAnObjectMember() =>
        AssertPatch("""{"baz": "qux","foo": "bar"}""", """[{ "op": "remove", "path": "/baz" }]""", """{ "foo": "bar" }""");

    [Fact] // A.4
    public void RemovingAnArrayElement() =>
        AssertPatch("""{ "foo": [ "bar", "qux", "baz" ] }""", """[{ "op": "remove", "path": "/foo/1" }]""", """{ "foo": [ "bar", "baz" ] }""");

    [Fact] // A.5
    public void ReplacingAValue() =>
        AssertPatch("""{"baz": "qux","foo": "bar"}""", """[{ "op": "replace", "path": "/baz", "value": "boo" }]""", """{"baz": "boo","foo": "bar"}""");

    [Fact] // A.6
    public void MovingAValue() =>
        AssertPatch("""{"foo": {"bar": "baz","waldo": "fred"},"qux": {"corge": "grault"}}""",
            """[{ "op": "move", "from": "/foo/waldo", "path": "/qux/thud" }]""",
            """{"foo": {"bar": "baz"},"qux": {"corge": "grault","thud": "fred"}}""");

    [Fact] // A.7
    public void MovingAnArrayElement() =>
        AssertPatch("""{ "foo": [ "all", "grass", "cows", "eat" ] }""", """[{ "op": "move", "from": "/foo/1", "path": "/foo/3" }]""",
            """{ "foo": [ "all", "cows", "eat", "grass" ] }""");

    [Fact] // A.8
    public void TestingAValueSuccess() =>
        AssertPatch("""{"baz": "qux","foo": [ "a", 2, "c" ]}""",
            """[{ "op": "test", "path": "/baz", "value": "qux" },{ "op": "test", "path": "/foo/1", "value": 2 }]""",
            """{"baz": "qux","foo": [ "a", 2, "c" ]}""");

    [Fact] // A.9
    public void TestingAValueError()
    {
        var e = AssertFails("""{ "baz": "qux" }""", """[{ "op": "test", "path": "/baz", "value": "bar" }]""");
        Assert.Equal("test", e.Operation);
        Assert.Equal("/baz", e.Path);
        Assert.Contains("test failed", e.Message, StringComparison.Ordinal);
    }

    [Fact] // A.10
    public void AddingANestedMemberObject() =>
        AssertPatch("""{ "foo": "bar" }""", """[{ "op": "add", "path": "/child", "value": { "grandchild": { } } }]""",
            """{"foo": "bar","child": {"grandchild": {}}}""");

    [Fact] // A.11
    public void IgnoringUnrecognizedElements() =>
        AssertPatch("""{ "foo": "bar" }""", """[{ "op": "add", "path": "/baz", "value": "qux", "xyz": 123 }]""", """{"foo": "bar","baz": "qux"}""");

    [Fact] // A.12
    public void AddingToANonexistentTarget()
    {
        var e = AssertFails("""{ "foo": "bar" }""", """[{ "op": "add", "path": "/baz/bat", "value": "qux" }]""");
        Assert.Contains("/baz", e.Message, StringComparison.Ordinal);
    }

    [Fact] // A.14
    public void TildeEscapeOrdering() =>
        AssertPatch("""{"/": 9,"~1": 10}""", """[{"op": "test", "path": "/~01", "value": 10}]""", """{"/": 9,"~1": 10}""");

    [Fact] // A.15
    public void ComparingStringsAndNumbers() =>
        AssertFails("""{"/": 9,"~1": 10}""", """[{"op": "test", "path": "/~01", "value": "10"}]""");

    [Fact] // A.16
    public void AddingAnArrayValue() =>
        AssertPatch("""{ "foo": ["bar"] }""", """[{ "op": "add", "path": "/foo/-", "value": ["abc", "def"] }]""",
            """{ "foo": ["bar", ["abc", "def"]] }""");

    [Fact]
    public void SlashEscapeAddsMemberWithSlash() =>
        AssertPatch("""{"metadata":{"labels":{}}}""", """[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"web"}]""",
            """{"metadata":{"labels":{"app.kubernetes.io/name":"web"}}}""");

    [Fact]
    public void CopyDuplicatesAValue() =>
        AssertPatch("""{"a":{"b":[1,2]}}""", """[{"op":"copy","from":"/a/b","path":"/c"},{"op":"add","path":"/c/-","value":3}]""",
            """{"a":{"b":[1,2]},"c":[1,2,3]}""");

    [Fact]
    public void TestComparesNumbersByValueAndObjectsIgnoringOrder() =>
        AssertPatch("""{"n":1,"o":{"x":1,"y":[true,null]}}""",
            """[{"op":"test","path":"/n","value":1.0},{"op":"test","path":"/o","value":{"y":[true,null],"x":1}}]""",
            """{"n":1,"o":{"x":1,"y":[true,null]}}""");

    [Fact]
    public void ReplaceRootReplacesDocument() =>
        AssertPatch("""{"a":1}""", """[{"op":"replace","path":"","value":[1]}]""", "[1]");

    [Theory]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "does not exist")]
    [InlineData("""[{"op":"replace","path":"/missing","value":1}]""", "does not exist")]
    [InlineData("""[{"op":"add","path":"/list/5","value":1}]""", "out of bounds")]
    [InlineData("""[{"op":"add","path":"/list/01","value":1}]""", "out of bounds")]
    [InlineData("""[{"op":"remove","path":"/list/-"}]""", "does not exist")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "no \"value\" member")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "no string \"from\" member")]
    [InlineData("""[{"op":"move","from":"/obj","path":"/obj/child"}]""", "own child")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""", "unknown operation")]
    [InlineData("""[{"path":"/a"}]""", "no string \"op\" member")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""", "must be empty or start with '/'")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""", "invalid escape")]
    [InlineData("""[{"op":"add","path":"/s/x","value":1}]""", "not an object or an array")]
    [InlineData("""{"op":"add"}""", "must be a JSON array")]
    [InlineData("""[1]""", "not an object")]
    [InlineData("""[{"op":""", "not valid JSON")]
    public void RejectsBadOperations(string patch, string message)
    {
        var e = AssertFails("""{"list":[1,2],"obj":{"x":1},"s":"text"}""", patch);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureLeavesNoPartialResult()
    {
        var doc = JsonNode.Parse("""{"a":1}""");
        Assert.Throws<PatchException>(() => JsonPatch.Apply(doc, """[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":5}]"""));
        Assert.Equal("""{"a":1}""", doc!.ToJsonString());
    }

    [Fact]
    public void PointerRoundTripsEscapes()
    {
        var p = JsonPointer.Parse("/a~1b/c~0d/~01");
        Assert.Equal(["a/b", "c~d", "~1"], p.Tokens);
        Assert.Equal("/a~1b/c~0d/~01", p.ToString());
        Assert.Equal("a~0b~1c", JsonPointer.Escape("a~b/c"));
    }

    [Fact]
    public void CreateProducesAPatchThatReproducesTheModifiedDocument()
    {
        var original = JsonNode.Parse("""{"metadata":{"name":"a","labels":{"x/y":"1","old":"2"}},"spec":{"replicas":1,"ports":[80,443],"args":["a"]}}""");
        var modified = JsonNode.Parse("""{"metadata":{"name":"a","labels":{"x/y":"9","new":"3"}},"spec":{"replicas":2,"ports":[80,8443],"args":["a","b"]}}""");
        var patch = JsonPatch.Create(original, modified);
        Assert.Contains(patch, op => op!["path"]!.GetValue<string>() == "/metadata/labels/x~1y" && op["op"]!.GetValue<string>() == "replace");
        Assert.Contains(patch, op => op!["path"]!.GetValue<string>() == "/metadata/labels/old" && op["op"]!.GetValue<string>() == "remove");
        Assert.Contains(patch, op => op!["path"]!.GetValue<string>() == "/spec/ports/1");
        Assert.True(JsonEquality.AreEqual(modified, JsonPatch.Apply(original, patch)));
        Assert.Empty(JsonPatch.Create(original, original!.DeepClone()));
    }
}
