using System.Text.Json.Nodes;
using Dashboard.Core.Editing;
using Dashboard.Kubernetes.Patching;
using Dashboard.Kubernetes.Serialization;

namespace Dashboard.Core.Tests;

/// <summary>Rendering objects as YAML, reading them back, and finding fields in YAML text.</summary>
public sealed class EditingYamlTests
{
    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!.AsObject();

    public static TheoryData<string> Fixtures() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Rendered_fixtures_read_back_as_the_same_object(string name)
    {
        var obj = Fixture(name);
        var withManaged = YamlDocuments.ParseObject(ObjectYaml.Render(obj, includeManagedFields: true));
        Assert.True(JsonEquality.AreEqual(obj, withManaged), ObjectYaml.Render(obj, true));
        var without = YamlDocuments.ParseObject(ObjectYaml.Render(obj));
        Assert.True(JsonEquality.AreEqual(ObjectYaml.WithoutManagedFields(obj), without));
    }

    [Fact]
    public void Keys_come_in_kubectl_order_with_sequences_under_their_key()
    {
        var yaml = ObjectYaml.Render(JsonNode.Parse("""
            {"status":{"phase":"Running"},"spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80}]}]},
             "metadata":{"name":"p","labels":{"b":"2","a":"1"},"managedFields":[{"manager":"kubectl"}]},"kind":"Pod","apiVersion":"v1"}
            """)!.AsObject());
        Assert.Equal("""
            apiVersion: v1
            kind: Pod
            metadata:
              labels:
                a: "1"
                b: "2"
              name: p
            spec:
              containers:
              - image: nginx
                name: web
                ports:
                - containerPort: 80
            status:
              phase: Running

            """.ReplaceLineEndings("\n"), yaml);
    }

    [Fact]
    public void ManagedFields_are_shown_only_when_asked_for()
    {
        var obj = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","managedFields":[{"manager":"kubectl","operation":"Apply"}]}}""")!.AsObject();
        Assert.DoesNotContain("managedFields", ObjectYaml.Render(obj), StringComparison.Ordinal);
        Assert.Contains("  managedFields:\n  - manager: kubectl\n    operation: Apply\n", ObjectYaml.Render(obj, includeManagedFields: true), StringComparison.Ordinal);
        Assert.NotNull(obj["metadata"]!["managedFields"]);
    }

    [Theory]
    [InlineData("true", "\"true\"")]
    [InlineData("1", "\"1\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("2024-05-01T10:00:00Z", "\"2024-05-01T10:00:00Z\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("", "\"\"")]
    [InlineData("nginx:1.27", "nginx:1.27")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("*", "'*'")]
    [InlineData("it's # here", "'it''s # here'")]
    [InlineData("-Xmx512m", "-Xmx512m")]
    [InlineData("- x", "'- x'")]
    [InlineData("tab\there", "\"tab\\there\"")]
    public void Strings_are_quoted_only_when_they_would_read_back_differently(string value, string expected)
    {
        Assert.Equal($"v: {expected}\n", YamlWriter.Write(new JsonObject { ["v"] = value }));
        Assert.Equal(value, (string?)YamlDocuments.ParseObject(YamlWriter.Write(new JsonObject { ["v"] = value }))["v"]);
    }

    [Theory]
    [InlineData("line one\nline two\n", "|")]
    [InlineData("line one\nline two", "|-")]
    [InlineData("line one\n\n", "|+")]
    [InlineData("  indented\nsecond\n", "\"")]
    public void Multi_line_strings_are_literal_blocks_that_keep_their_newlines(string value, string header)
    {
        var yaml = YamlWriter.Write(new JsonObject { ["data"] = new JsonObject { ["script"] = value }, ["list"] = new JsonArray(value) });
        Assert.StartsWith($"data:\n  script: {header}", yaml, StringComparison.Ordinal);
        var back = YamlDocuments.ParseObject(yaml);
        Assert.Equal(value, (string?)back["data"]!["script"]);
        Assert.Equal(value, (string?)back["list"]![0]);
    }

    [Fact]
    public void Nested_sequences_and_empty_collections_render_and_read_back()
    {
        var obj = JsonNode.Parse("""{"a":[[1,2],[],{}],"b":{},"c":[],"d":null,"e":[{"x":{"y":[{"z":1}]}}],"f":1.25,"g":false}""")!.AsObject();
        var yaml = YamlWriter.Write(obj);
        Assert.Contains("a:\n- - 1\n  - 2\n- []\n- {}\nb: {}\nc: []\nd: null\n", yaml, StringComparison.Ordinal);
        Assert.True(JsonEquality.AreEqual(obj, YamlDocuments.ParseObject(yaml)), yaml);
    }

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app.kubernetes.io/name: web
        spec:
          replicas: 3
          template:
            spec:
              containers:
              - name: web
                image: nginx
                ports:
                - containerPort: 80
              - name: sidecar
                image: envoy
        """;

    [Theory]
    [InlineData("spec.replicas", 8, 3)]
    [InlineData(".spec.replicas", 8, 3)]
    [InlineData("spec.template.spec.containers[0].image", 13, 9)]
    [InlineData("spec.template.spec.containers[0].ports[0].containerPort", 15, 11)]
    [InlineData("spec.template.spec.containers[1]", 16, 9)]
    [InlineData("metadata.labels[app.kubernetes.io/name]", 6, 5)]
    [InlineData("kind", 2, 1)]
    public void The_locator_finds_fields_by_the_servers_paths(string path, int line, int column)
    {
        var at = YamlLocator.TryParse(Deployment)!.Locate(path)!;
        Assert.Equal((line, column, true), (at.Line, at.Column, at.Exact));
    }

    [Fact]
    public void A_missing_field_is_placed_at_its_nearest_ancestor()
    {
        var locator = YamlLocator.TryParse(Deployment)!;
        var at = locator.Locate("spec.selector.matchLabels")!;
        Assert.Equal((7, 1, false, "spec"), (at.Line, at.Column, at.Exact, at.Found));
        var item = locator.Locate("spec.template.spec.containers[5].image")!;
        Assert.Equal((11, 7, false, "spec.template.spec.containers"), (item.Line, item.Column, item.Exact, item.Found));
    }

    [Fact]
    public void The_locator_counts_documents_as_apply_does_and_reads_flow_style()
    {
        var text = "---\n---\napiVersion: v1\nkind: ConfigMap\ndata: {a: 1, b: [x, {c: 2}]}\n---\n# only a comment\n---\nkind: Secret\nmetadata:\n  name: s\n";
        var locator = YamlLocator.TryParse(text)!;
        Assert.Equal(2, locator.DocumentCount);
        Assert.Equal(YamlDocuments.ParseAll(text).Count, locator.DocumentCount);
        Assert.Equal((5, 22), locator.Locate("data.b[1].c") is { } p ? (p.Line, p.Column) : default);
        Assert.Equal((11, 3), locator.Locate("metadata.name", 1) is { } q ? (q.Line, q.Column) : default);
        Assert.Equal(9, locator.DocumentLine(1));
        Assert.Null(locator.Locate("kind", 2));
    }

    [Fact]
    public void Invalid_yaml_has_no_locator()
    {
        Assert.Null(YamlLocator.TryParse("a: [1, 2\nb: c"));
        Assert.Null(YamlLocator.TryParse("a: b\n c: d\n"));
        var e = Assert.Throws<YamlParseException>(() => YamlDocuments.ParseAll("a: [1, 2\nb: c"));
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("spec.containers[0].image", "spec|containers|#0|image")]
    [InlineData(".metadata.annotations[example.com/x]", "metadata|annotations|example.com/x")]
    [InlineData("items[3][1]", "items|#3|#1")]
    public void Field_paths_parse_and_format_in_the_servers_style(string path, string steps)
    {
        var parsed = FieldPath.Parse(path);
        Assert.Equal(steps, string.Join("|", parsed.Select(s => s.IsIndex ? "#" + s.Index : s.Key)));
        Assert.Equal(path.TrimStart('.'), FieldPath.Format(parsed));
    }
}
