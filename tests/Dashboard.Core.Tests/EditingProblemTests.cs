using System.Net;
using System.Xml.Linq;
using Dashboard.Core.Editing;
using Dashboard.Kubernetes.Client;

namespace Dashboard.Core.Tests;

/// <summary>Server refusals mapped onto the user's text, and the area's strings in both languages.</summary>
public sealed class EditingProblemTests
{
    private const string Text = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          ports:
          - port: 80
            targetPort: http
          - port: 70000
        """;

    [Fact]
    public void Each_cause_is_placed_at_its_field_or_its_nearest_ancestor()
    {
        var error = new KubeApiException(HttpStatusCode.UnprocessableEntity, "Invalid", "Service \"web\" is invalid: [...]",
        [
            new KubeStatusCause("FieldValueInvalid", "Invalid value: 70000: must be between 1 and 65535, inclusive", "spec.ports[1].port"),
            new KubeStatusCause("FieldValueRequired", "Required value", "spec.selector"),
            new KubeStatusCause("", "a cause without a field", null),
        ]);

        var problems = ServerProblems.Locate(error, Text);

        Assert.Equal(
        [
            new EditProblem("Invalid value: 70000: must be between 1 and 65535, inclusive", "spec.ports[1].port", 9, 5, true),
            new EditProblem("Required value", "spec.selector", 5, 1, false),
            new EditProblem("a cause without a field", null, null, null, false),
        ], problems);
        Assert.True(ServerProblems.IsContentError(error));
    }

    [Fact]
    public void Strict_decoding_errors_name_every_unknown_and_duplicate_field()
    {
        var error = new KubeApiException(HttpStatusCode.BadRequest, "BadRequest",
            "Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.ports[0].targetPort\", duplicate field \"metadata.name\"");

        var problems = ServerProblems.Locate(error, Text);

        Assert.Equal([("spec.ports[0].targetPort", 8), ("metadata.name", 4)], problems.Select(p => (p.Field, p.Line)));
        Assert.True(ServerProblems.IsContentError(error));
        Assert.False(ServerProblems.IsContentError(new KubeApiException(HttpStatusCode.BadRequest, "BadRequest", "the body is not JSON")));
    }

    [Fact]
    public void A_refusal_without_details_is_one_unplaced_problem()
    {
        var problems = ServerProblems.Locate(new KubeApiException(HttpStatusCode.UnprocessableEntity, "Invalid", "it is wrong"), "not: [valid");
        Assert.Equal([new EditProblem("it is wrong", null, null, null, false)], problems);
    }

    [Fact]
    public void Every_editing_string_exists_in_english_and_chinese_with_the_same_placeholders()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Dashboard.sln"))) dir = Path.GetDirectoryName(dir)!;
        static Dictionary<string, string> Read(string path) => XDocument.Load(path).Root!.Elements("data")
            .Where(d => ((string)d.Attribute("name")!).StartsWith("Editing_", StringComparison.Ordinal) || ((string)d.Attribute("name")!).StartsWith("Form_", StringComparison.Ordinal))
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var en = Read(Path.Combine(dir, "src/Dashboard.Core/Resources/CoreStrings.resx"));
        var zh = Read(Path.Combine(dir, "src/Dashboard.Core/Resources/CoreStrings.zh-CN.resx"));

        Assert.Equal(en.Keys.Order(), zh.Keys.Order());
        static string Holes(string s) => string.Join(",", System.Text.RegularExpressions.Regex.Matches(s, "\\{\\d\\}").Select(m => m.Value).Order());
        Assert.All(en, kv => Assert.Equal(Holes(kv.Value), Holes(zh[kv.Key])));
        Assert.All(zh.Values, v => Assert.Contains(v, c => c >= '\u4e00' && c <= '\u9fff'));
    }
}
