using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Actions;
using Dashboard.Web.Palette;

namespace Dashboard.Web.Tests;

public sealed class PaletteSearchTests
{
    private static readonly ResourceKind[] Kinds = [Pod.Resource, Deployment.Resource, DaemonSet.Resource, ConfigMap.Resource, Node.Resource];

    private static string Title(ResourceKind k) => k.Kind + "s";

    private static PaletteObject Obj(ResourceKind kind, string? ns, string name) =>
        new(kind, new KubeObject(new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } }));

    [Fact]
    public void Kinds_match_short_names_singular_and_titles_exact_matches_first()
    {
        Assert.Equal("Deployments", PaletteSearch.Kinds(Kinds, Title, "deploy", 5)[0].Title);
        Assert.Equal("/pods", PaletteSearch.Kinds(Kinds, Title, "po", 5)[0].Url);
        Assert.Equal("Nodes", PaletteSearch.Kinds(Kinds, Title, "NODE", 5)[0].Title);
        // "ds" is DaemonSet's short name (exact) and also inside "Pods" (substring): the exact match comes first.
        Assert.Equal(["DaemonSets", "Pods"], PaletteSearch.Kinds(Kinds, Title, "ds", 5).Select(i => i.Title));
        Assert.Empty(PaletteSearch.Kinds(Kinds, Title, "zzz", 5));
        Assert.Equal(5, PaletteSearch.Kinds(Kinds, Title, "", 10).Count);
    }

    [Fact]
    public void Objects_rank_exact_then_prefix_then_substring_and_slash_splits_namespace()
    {
        PaletteObject[] objects =
        [
            Obj(Pod.Resource, "shop", "web-1"), Obj(Deployment.Resource, "shop", "web"), Obj(Pod.Resource, "payments", "api-web"),
            Obj(Node.Resource, null, "node-a"),
        ];
        var found = PaletteSearch.Objects(objects, Title, "web", 10);
        Assert.Equal(["web", "web-1", "api-web"], found.Select(f => f.Title));
        Assert.Equal("/ns/shop/deployments.apps/web", found[0].Url);
        Assert.Equal("Deployments · shop", found[0].Detail);

        Assert.Equal(["api-web"], PaletteSearch.Objects(objects, Title, "pay/web", 10).Select(f => f.Title));
        Assert.Equal("/cluster/nodes/node-a", PaletteSearch.Objects(objects, Title, "node-a", 10).Single().Url);
        Assert.Empty(PaletteSearch.Objects(objects, Title, "  ", 10));
        Assert.Single(PaletteSearch.Objects(objects, Title, "web", 1));
    }

    [Fact]
    public void Label_edits_become_the_changes_only_and_bad_lines_are_named()
    {
        var current = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front", ["old"] = "x" };
        Assert.Equal("app=web\nold=x\ntier=front", LabelEdits.Format(current));

        var (changes, error) = LabelEdits.Diff(current, "app=web\ntier=back\n\nexample.com/team = shop\n");
        Assert.Null(error);
        Assert.Equal(new Dictionary<string, string?> { ["tier"] = "back", ["example.com/team"] = "shop", ["old"] = null }, changes);

        Assert.Equal(new LabelError(2, "Labels_Error_Format", "nonsense"), LabelEdits.Diff(current, "app=web\nnonsense").Error);
        Assert.Equal("Labels_Error_Key", LabelEdits.Diff(current, "-bad=1").Error!.ReasonKey);
        Assert.Equal("Labels_Error_Key", LabelEdits.Diff(current, "Bad_Prefix/x=1").Error!.ReasonKey);
        Assert.Equal("Labels_Error_Value", LabelEdits.Diff(current, "a=has space").Error!.ReasonKey);
        Assert.Equal("Labels_Error_Value", LabelEdits.Diff(current, "a=" + new string('v', 64)).Error!.ReasonKey);
        Assert.Equal("Labels_Error_Duplicate", LabelEdits.Diff(current, "a=1\na=2").Error!.ReasonKey);
        Assert.Equal(new Dictionary<string, string?> { ["app"] = "", ["tier"] = null, ["old"] = null }, LabelEdits.Diff(current, "app=").Changes);
    }
}
