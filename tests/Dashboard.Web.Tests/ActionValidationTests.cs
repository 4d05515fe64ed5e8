using System.Text.Json.Nodes;
using Dashboard.Core.Actions;
using Dashboard.Web.Components.Actions;
using Dashboard.Web.Components.Diagnostics;

namespace Dashboard.Web.Tests;

public sealed class ActionValidationTests
{
    [Theory]
    [InlineData("0", null)]
    [InlineData("10000", null)]
    [InlineData(" 3 ", null)]
    [InlineData("", "Validation_Required")]
    [InlineData("-1", "Validation_ReplicasRange")]
    [InlineData("10001", "Validation_ReplicasRange")]
    [InlineData("2.5", "Validation_WholeNumber")]
    [InlineData("three", "Validation_WholeNumber")]
    public void Replicas_are_a_whole_number_in_range(string input, string? expected) => Assert.Equal(expected, ActionValidation.Replicas(input));

    [Theory]
    [InlineData("app", null)]
    [InlineData("app.kubernetes.io/name", null)]
    [InlineData("Team_Name.v2", null)]
    [InlineData("", "Validation_Required")]
    [InlineData("bad key", "Validation_KeyName")]
    [InlineData("-leading", "Validation_KeyName")]
    [InlineData("trailing.", "Validation_KeyName")]
    [InlineData("example.com/", "Validation_KeyName")]
    [InlineData("/name", "Validation_KeyPrefix")]
    [InlineData("Example.COM/name", "Validation_KeyPrefix")]
    [InlineData("a/b/c", "Validation_KeyName")]
    public void Label_keys_follow_the_qualified_name_syntax(string key, string? expected) => Assert.Equal(expected, ActionValidation.Key(key));

    [Fact]
    public void Key_names_longer_than_63_are_refused() =>
        Assert.Equal("Validation_KeyName", ActionValidation.Key(new string('a', 64)));

    [Theory]
    [InlineData("", null)]
    [InlineData("v1.2-beta_3", null)]
    [InlineData("has space", "Validation_LabelValue")]
    [InlineData("ends-", "Validation_LabelValue")]
    [InlineData("a/b", "Validation_LabelValue")]
    public void Label_values_follow_the_label_value_syntax(string value, string? expected) => Assert.Equal(expected, ActionValidation.LabelValue(value));

    [Fact]
    public void Annotation_values_may_hold_anything_below_the_size_limit()
    {
        Assert.Null(ActionValidation.AnnotationValue("any text: with spaces / slashes\nand lines"));
        Assert.Equal("Validation_AnnotationSize", ActionValidation.AnnotationValue(new string('x', 256 * 1024 + 1)));
    }

    [Theory]
    [InlineData("nginx", null)]
    [InlineData("nginx:1.27", null)]
    [InlineData("ghcr.io/acme-demo/fraud-detector:1.4.0", null)]
    [InlineData("localhost:5000/team/app", null)]
    [InlineData("registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("", "Validation_Required")]
    [InlineData("Nginx", "Validation_Image")]
    [InlineData("nginx latest", "Validation_Image")]
    [InlineData("nginx:", "Validation_Image")]
    [InlineData("app@sha256:short", "Validation_Image")]
    public void Images_follow_the_reference_grammar(string image, string? expected) => Assert.Equal(expected, ActionValidation.Image(image));

    [Fact]
    public void Selectors_become_label_selector_queries()
    {
        var selector = JsonNode.Parse("""
            {"matchLabels": {"app": "web", "tier": "front"},
             "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod", "staging"]},
                                  {"key": "canary", "operator": "DoesNotExist"},
                                  {"key": "zone", "operator": "NotIn", "values": ["a"]},
                                  {"key": "team", "operator": "Exists"}]}
            """);
        // Requirements sorted by key, as kubectl prints selectors.
        Assert.Equal("app=web,!canary,env in (prod,staging),team,tier=front,zone notin (a)", DiagnosticSources.SelectorQuery(selector));
        Assert.Null(DiagnosticSources.SelectorQuery(null));
        Assert.Null(DiagnosticSources.SelectorQuery(JsonNode.Parse("{}")));
        // An operator the API does not know selects nothing (the page shows no pods rather than failing).
        Assert.Null(DiagnosticSources.SelectorQuery(JsonNode.Parse("""{"matchExpressions":[{"key":"a","operator":"Near"}]}""")));
    }

    [Fact]
    public void The_audit_filter_matches_cluster_user_action_outcome_and_text()
    {
        var at = DateTimeOffset.UnixEpoch;
        AuditEntry[] entries =
        [
            new(at, "admin", "demo", "scale", "deployments.apps shop/web", "replicas=3", true, "scaled"),
            new(at, "developer", "demo", "delete", "pods shop/web-1", "", false, "refused"),
            new(at, "admin", "other", "scale", "deployments.apps shop/web", "replicas=1", true, "scaled"),
        ];
        Assert.Equal(2, AuditFilter.Apply(entries, new AuditFilter("demo", null, null, null, null)).Count);
        Assert.Equal("developer", Assert.Single(AuditFilter.Apply(entries, new AuditFilter("demo", null, null, null, "failure"))).User);
        Assert.Equal("scale", Assert.Single(AuditFilter.Apply(entries, new AuditFilter("demo", "REPLICAS=3", null, null, null))).Action);
        Assert.Empty(AuditFilter.Apply(entries, new AuditFilter("demo", null, "admin", "delete", null)));
    }
}
