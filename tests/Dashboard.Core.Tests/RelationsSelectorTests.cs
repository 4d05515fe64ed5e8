using System.Text.Json.Nodes;
using Dashboard.Core.Relations;

namespace Dashboard.Core.Tests;

/// <summary>The label selector of specs, with the API's semantics for absent and empty selectors.</summary>
public sealed class RelationsSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front" };
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db" };

    private static LabelSelector Parse(string json) => LabelSelector.FromLabelSelector(JsonNode.Parse(json));

    [Fact]
    public void A_map_selector_requires_every_pair_and_selects_nothing_when_empty_or_absent()
    {
        var selector = LabelSelector.FromMap(JsonNode.Parse("""{"app":"web","tier":"front"}"""));
        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(Db));
        Assert.True(LabelSelector.FromMap(JsonNode.Parse("{}")).MatchesNothing);
        Assert.True(LabelSelector.FromMap(null).MatchesNothing);
        Assert.False(LabelSelector.FromMap(null).Matches(Web));
    }

    [Fact]
    public void A_label_selector_object_selects_nothing_when_absent_and_everything_when_empty()
    {
        Assert.False(LabelSelector.FromLabelSelector(null).Matches(Web));
        var empty = Parse("{}");
        Assert.True(empty.MatchesEverything);
        Assert.True(empty.Matches(Db));
        Assert.True(empty.Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["web","api"]}]}""", true, false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""", false, true)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", true, false)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"DoesNotExist"}]}""", false, true)]
    [InlineData("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["front"]}]}""", true, false)]
    [InlineData("""{"matchLabels":{"app":"db"},"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", false, false)]
    public void Match_expressions_follow_their_operators(string json, bool web, bool db)
    {
        var selector = Parse(json);
        Assert.Null(selector.Error);
        Assert.Equal((web, db), (selector.Matches(Web), selector.Matches(Db)));
    }

    [Fact]
    public void NotIn_matches_a_label_set_without_the_key()
    {
        Assert.True(Parse("""{"matchExpressions":[{"key":"zone","operator":"NotIn","values":["a"]}]}""").Matches(Db));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Equals","values":["web"]}]}""", "\"Equals\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":[]}]}""", "key app: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Exists","values":["x"]}]}""", "key app: values set must be empty for exists and does not exist")]
    [InlineData("""{"matchExpressions":[{"operator":"Exists"}]}""", "matchExpressions[].key: Required value")]
    [InlineData("""{"matchLabels":{"app":{"nested":true}}}""", "selector value of \"app\" must be a string")]
    public void An_invalid_selector_selects_nothing_and_says_why(string json, string error)
    {
        var selector = Parse(json);
        Assert.Equal(error, selector.Error);
        Assert.True(selector.MatchesNothing);
        Assert.False(selector.Matches(Web));
    }

    [Fact]
    public void Prints_as_kubectl_does()
    {
        var selector = Parse("""
            {"matchLabels":{"app":"web"},"matchExpressions":[
              {"key":"tier","operator":"In","values":["a","b"]},{"key":"env","operator":"NotIn","values":["dev"]},
              {"key":"canary","operator":"DoesNotExist"},{"key":"team","operator":"Exists"}]}
            """);
        Assert.Equal("app=web,tier in (a,b),env notin (dev),!canary,team", selector.ToString());
        Assert.Equal("<none>", LabelSelector.Nothing.ToString());
    }
}
