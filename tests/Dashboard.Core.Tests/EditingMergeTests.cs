using System.Text.Json.Nodes;
using Dashboard.Core.Editing;

namespace Dashboard.Core.Tests;

/// <summary>Re-applying a user's edit onto a newer server version, and listing what changed.</summary>
public sealed class EditingMergeTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    private const string Base = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","resourceVersion":"10","labels":{"app":"web"}},
         "spec":{"replicas":1,"template":{"spec":{"containers":[
           {"name":"web","image":"nginx:1.26","env":[{"name":"A","value":"1"}]},
           {"name":"log","image":"fluent:1"}]}}},
         "status":{"replicas":1}}
        """;

    [Fact]
    public void Changes_to_different_fields_merge_without_conflicts()
    {
        var mine = J(Base);
        mine["spec"]!["replicas"] = 3;
        mine["metadata"]!["labels"]!["tier"] = "front";
        var theirs = J(Base);
        theirs["metadata"]!["resourceVersion"] = "11";
        theirs["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.27";
        theirs["status"]!["replicas"] = 2;

        var result = ThreeWayMerge.Merge(J(Base), mine, theirs);

        Assert.Empty(result.Conflicts);
        var m = result.Merged;
        Assert.Equal(3, (int)m["spec"]!["replicas"]!);
        Assert.Equal("front", (string?)m["metadata"]!["labels"]!["tier"]);
        Assert.Equal("nginx:1.27", (string?)m["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("11", (string?)m["metadata"]!["resourceVersion"]);
        Assert.Equal(2, (int)m["status"]!["replicas"]!);
    }

    [Fact]
    public void The_same_field_changed_on_both_sides_is_a_conflict_and_mine_wins()
    {
        var mine = J(Base);
        mine["spec"]!["replicas"] = 3;
        var theirs = J(Base);
        theirs["spec"]!["replicas"] = 5;

        var result = ThreeWayMerge.Merge(J(Base), mine, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(new MergeConflict("spec.replicas", "1", "3", "5"), conflict);
        Assert.Equal(3, (int)result.Merged["spec"]!["replicas"]!);
    }

    [Fact]
    public void The_same_change_on_both_sides_is_no_conflict()
    {
        var mine = J(Base);
        mine["spec"]!["replicas"] = 4;
        var theirs = J(Base);
        theirs["spec"]!["replicas"] = 4;
        Assert.Empty(ThreeWayMerge.Merge(J(Base), mine, theirs).Conflicts);
    }

    [Fact]
    public void Lists_of_named_items_merge_item_by_item()
    {
        var mine = J(Base);
        var mineContainers = mine["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        mineContainers[1]!["image"] = "fluent:2";
        mineContainers.Add(J("""{"name":"metrics","image":"prom:1"}"""));
        var theirs = J(Base);
        var theirContainers = theirs["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        theirContainers[0]!["env"]!.AsArray().Add(J("""{"name":"B","value":"2"}"""));
        theirContainers.Insert(0, J("""{"name":"init-proxy","image":"envoy"}"""));

        var result = ThreeWayMerge.Merge(J(Base), mine, theirs);

        Assert.Empty(result.Conflicts);
        var containers = result.Merged["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["init-proxy", "web", "log", "metrics"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal("fluent:2", (string?)containers[2]!["image"]);
        Assert.Equal(["A", "B"], containers[1]!["env"]!.AsArray().Select(e => (string?)e!["name"]));
    }

    [Fact]
    public void A_conflict_inside_a_named_list_names_the_item()
    {
        var mine = J(Base);
        mine["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:mine";
        var theirs = J(Base);
        theirs["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:theirs";

        var result = ThreeWayMerge.Merge(J(Base), mine, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("spec.template.spec.containers[name=web].image", conflict.Path);
        Assert.Equal("spec.template.spec.containers[0].image", EditSession.IndexPath(result.Merged, conflict.Path));
    }

    [Fact]
    public void Removals_merge_and_a_removal_against_a_change_conflicts()
    {
        var mine = J(Base);
        mine["metadata"]!.AsObject().Remove("labels");
        mine["spec"]!["template"]!["spec"]!["containers"]!.AsArray().RemoveAt(1);
        var theirs = J(Base);
        theirs["metadata"]!["labels"]!["app"] = "web2";

        var result = ThreeWayMerge.Merge(J(Base), mine, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("metadata.labels", (string?)null), (conflict.Path, conflict.Mine));
        Assert.False(result.Merged["metadata"]!.AsObject().ContainsKey("labels"));
        Assert.Single(result.Merged["spec"]!["template"]!["spec"]!["containers"]!.AsArray());
    }

    [Fact]
    public void Unnamed_lists_are_replaced_whole_and_conflict_when_both_change()
    {
        var b = J("""{"spec":{"args":["a","b"]}}""");
        var mine = J("""{"spec":{"args":["a","b","c"]}}""");
        var theirs = J("""{"spec":{"args":["z"]}}""");
        var result = ThreeWayMerge.Merge(b, mine, theirs);
        Assert.Equal("spec.args", Assert.Single(result.Conflicts).Path);
        Assert.Equal(3, result.Merged["spec"]!["args"]!.AsArray().Count);
        Assert.Empty(ThreeWayMerge.Merge(b, mine, b).Conflicts);
    }

    [Fact]
    public void The_diff_lists_changed_added_and_removed_fields_in_order()
    {
        var before = J(Base);
        var after = J(Base);
        after["spec"]!["replicas"] = 2;
        after["metadata"]!["labels"]!["tier"] = "front";
        after["spec"]!["template"]!["spec"]!["containers"]!.AsArray().RemoveAt(1);
        after["metadata"]!.AsObject().Remove("resourceVersion");

        var changes = JsonDiff.Changes(before, after, p => p == "metadata.resourceVersion");

        Assert.Equal(
        [
            new FieldChange("metadata.labels.tier", FieldChangeKind.Added, null, "front"),
            new FieldChange("spec.replicas", FieldChangeKind.Changed, "1", "2"),
            new FieldChange("spec.template.spec.containers[1]", FieldChangeKind.Removed, """{"name":"log","image":"fluent:1"}""", null),
        ], changes);
    }
}

/// <summary>The line diff behind the server-rendered diff view.</summary>
public sealed class EditingLineDiffTests
{
    [Fact]
    public void A_changed_line_is_removed_then_added_between_unchanged_lines()
    {
        var lines = LineDiff.Compute("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n", context: -1);
        Assert.Equal(
        [
            new DiffLine(DiffLineKind.Same, 1, 1, "a"),
            new DiffLine(DiffLineKind.Removed, 2, null, "b"),
            new DiffLine(DiffLineKind.Added, null, 2, "B"),
            new DiffLine(DiffLineKind.Same, 3, 3, "c"),
            new DiffLine(DiffLineKind.Same, 4, 4, "d"),
            new DiffLine(DiffLineKind.Added, null, 5, "e"),
        ], lines);
        Assert.Equal(2, LineDiff.Blocks(lines));
    }

    [Fact]
    public void Long_unchanged_runs_collapse_around_the_changes()
    {
        var before = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 15\n", "line fifteen\n", StringComparison.Ordinal);
        var lines = LineDiff.Compute(before, after, context: 2);
        Assert.Equal([DiffLineKind.Collapsed, DiffLineKind.Same, DiffLineKind.Same, DiffLineKind.Removed, DiffLineKind.Added,
            DiffLineKind.Same, DiffLineKind.Same, DiffLineKind.Collapsed], lines.Select(l => l.Kind));
        Assert.Equal((12, (int?)13), (lines[0].Skipped, lines[1].Before));
        Assert.Equal(13, lines[^1].Skipped);
        Assert.DoesNotContain(LineDiff.Compute(before, before), l => l.Kind is DiffLineKind.Added or DiffLineKind.Removed);
    }
}
