using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Core.Relations;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Tests.RelationsFixtures;

namespace Dashboard.Core.Tests;

/// <summary>The index kept up to date one change at a time, the selector index, and the graph.</summary>
public sealed class RelationsIndexTests
{
    private static readonly List<KubeObject> Shop = Items(RelationsFixtures.Shop);

    private static KubeObject NewPod(string name, string uid, Dictionary<string, string> labels, string ns = "shop")
    {
        var labelJson = new JsonObject();
        foreach (var (k, v) in labels) labelJson[k] = v;
        return new KubeObject(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = uid, ["labels"] = labelJson },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
        });
    }

    [Fact]
    public void A_pod_added_relabelled_and_deleted_follows_the_service_selecting_it()
    {
        var index = RelationIndex.Of(Shop);
        var service = Shop.Named("Service", "cart");
        var before = index.Version;
        var pod = NewPod("cart-extra", "u-extra", new() { ["app"] = "cart" });

        index.Apply([new CacheChange(ChangeType.Added, pod)], Pod.Resource);
        Assert.Contains("Pod/cart-extra", index.Related(service).Names(RelationType.Selects));
        Assert.True(index.Version > before);

        index.Apply([new CacheChange(ChangeType.Modified, NewPod("cart-extra", "u-extra", new() { ["app"] = "cart-canary" }))], Pod.Resource);
        Assert.DoesNotContain("Pod/cart-extra", index.Related(service).Names(RelationType.Selects));
        Assert.Equal(["cart-extra"], index.SelectedPods("shop", LabelSelector.FromMap(JsonNode.Parse("""{"app":"cart-canary"}"""))).Select(p => p.Name));

        index.Apply([new CacheChange(ChangeType.Deleted, pod)], Pod.Resource);
        Assert.Empty(index.SelectedPods("shop", LabelSelector.FromMap(JsonNode.Parse("""{"app":"cart-canary"}"""))));
        Assert.Equal(Shop.Count, index.Count);
    }

    [Fact]
    public void A_deleted_configmap_turns_its_users_references_missing_and_a_new_one_finds_them_again()
    {
        var index = RelationIndex.Of(Shop);
        var config = Shop.Named("ConfigMap", "catalog-config");
        var pod = Shop.NamedLike("Pod", "catalog-");
        Assert.True(index.Remove(config));
        Assert.True(index.Related(pod).Single(r => r.Target.Name == "catalog-config").Missing);
        Assert.Equal(3, index.Related(ObjectRef.Of(config)).OfType(RelationType.UsedBy).Count);

        index.Upsert(config);
        Assert.Equal(TargetState.Found, index.Related(pod).Single(r => r.Target.Name == "catalog-config").State);
        Assert.False(index.Remove(NewPod("never-indexed", "u-never", [])));
    }

    [Fact]
    public void An_object_recreated_under_the_same_name_replaces_the_old_one()
    {
        var index = RelationIndex.Of(Shop);
        var old = Shop.Named("ConfigMap", "frontend-config");
        var recreated = old.Clone();
        recreated.Metadata["uid"] = "recreated-uid";
        index.Upsert(recreated);
        Assert.Equal(Shop.Count, index.Count);
        Assert.Equal("recreated-uid", index.Find(ObjectRef.Of(old) with { Uid = null })!.Uid);
        Assert.Null(index.Find(ObjectRef.Of(old)));
    }

    [Fact]
    public void Dependents_appear_when_their_owner_arrives_after_them()
    {
        var pods = Shop.Where(o => o.Kind == "Pod").ToList();
        var index = RelationIndex.Of(pods);
        var rs = Shop.Named("ReplicaSet", "frontend-7c7c6f65cb");
        Assert.Equal(TargetState.Missing, index.Related(pods.NamedLike("Pod", "frontend-")).OfType(RelationType.OwnedBy).Single().State);
        index.Upsert(rs);
        Assert.Equal(3, index.Related(rs).OfType(RelationType.Owns).Count);
        Assert.Equal(TargetState.Found, index.Related(pods.NamedLike("Pod", "frontend-")).OfType(RelationType.OwnedBy).First().State);
    }

    [Fact]
    public void Selectors_narrow_by_their_rarest_requirement_and_still_apply_every_other()
    {
        var index = new RelationIndex();
        var pods = Enumerable.Range(0, 300).Select(i => NewPod($"p{i}", $"u{i}", new()
        {
            ["app"] = "web",
            ["shard"] = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["canary"] = i % 50 == 0 ? "yes" : "no",
        })).ToList();
        index.Load(Pod.Resource, "shop", pods);

        LabelSelector Sel(string json) => LabelSelector.FromLabelSelector(JsonNode.Parse(json));
        Assert.Equal(100, index.SelectedPods("shop", Sel("""{"matchLabels":{"app":"web","shard":"1"}}""")).Count);
        Assert.Equal(200, index.SelectedPods("shop", Sel("""{"matchExpressions":[{"key":"shard","operator":"In","values":["0","2"]}]}""")).Count);
        Assert.Equal(["p0", "p150"], index.SelectedPods("shop", Sel("""{"matchLabels":{"shard":"0","canary":"yes"}}""")).Select(p => p.Name));
        Assert.Equal(294, index.SelectedPods("shop", Sel("""{"matchExpressions":[{"key":"canary","operator":"NotIn","values":["yes"]}]}""")).Count);
        Assert.Equal(300, index.SelectedPods("shop", Sel("""{"matchExpressions":[{"key":"shard","operator":"Exists"}]}""")).Count);
        Assert.Empty(index.SelectedPods("shop", Sel("""{"matchExpressions":[{"key":"zone","operator":"Exists"}]}""")));
        Assert.Empty(index.SelectedPods("shop", Sel("""{"matchLabels":{"app":"api"}}""")));
        Assert.Equal(300, index.SelectedPods("shop", Sel("{}")).Count);
        Assert.Empty(index.SelectedPods("other", Sel("{}")));
    }

    [Fact]
    public void The_changed_event_fires_after_each_change_outside_the_lock()
    {
        var index = new RelationIndex();
        var seen = new List<int>();
        index.Changed += () => seen.Add(index.Count);
        index.Upsert(NewPod("a", "ua", []));
        index.Load(Pod.Resource, "shop", [NewPod("a", "ua", []), NewPod("b", "ub", [])]);
        index.Forget(Pod.Resource, "shop");
        Assert.Equal([1, 2, 0], seen);
    }

    [Fact]
    public void The_graph_of_an_ingress_reaches_its_pods_with_each_link_drawn_once()
    {
        var graph = RelationIndex.Of(Shop).Graph(ObjectRef.Of(Shop.Named("Ingress", "shop")), maxDepth: 2);
        Assert.Equal("shop", graph.Root.Name);
        Assert.Equal(0, graph.Nodes[0].Depth);
        Assert.Contains(graph.Nodes, n => n.Ref.Kind == "Service" && n.Ref.Name == "cart" && n.Depth == 1);
        Assert.Equal(7, graph.Nodes.Count(n => n.Ref.Kind == "Pod" && n.Depth == 2));
        Assert.False(graph.Truncated);
        var links = graph.Edges.Select(e => (NameOf(e.Source), NameOf(e.Target))).ToList();
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.DoesNotContain(links, l => links.Contains((l.Item2, l.Item1)));
        Assert.Contains(graph.Edges, e => e.Source.Name == "shop" && e.Type == RelationType.RoutesTo && e.Target.Name == "cart");
        Assert.DoesNotContain(graph.Edges, e => e.Type == RelationType.RoutedFrom);
    }

    [Fact]
    public void The_graph_stops_at_shared_objects_and_at_its_node_limit()
    {
        var index = RelationIndex.Of(Shop);
        var podObject = Shop.NamedLike("Pod", "frontend-");
        var pod = ObjectRef.Of(podObject);
        var graph = index.Graph(pod, maxDepth: 4);
        var node = Assert.Single(graph.Nodes, n => n.Ref.Kind == "Node" && n.Ref.Name == podObject.GetString("spec.nodeName"));
        Assert.Equal(1, node.Depth);
        // Its sibling pods are reached through the ReplicaSet, and the walk never goes from a Node to the pods it hosts.
        Assert.Equal(3, graph.Nodes.Count(n => n.Ref.Kind == "Pod"));
        Assert.DoesNotContain(graph.Edges, e => e.Source.Kind == "Node");

        var small = index.Graph(pod, maxDepth: 4, maxNodes: 3);
        Assert.True(small.Truncated);
        Assert.Equal(3, small.Nodes.Count);
        Assert.All(small.Edges, e => Assert.Contains(small.Nodes, n => n.Ref.SameObject(e.Target)));
    }

    [Fact]
    public void The_graph_of_an_object_that_is_not_indexed_shows_what_points_at_it()
    {
        var graph = RelationIndex.Of(Shop).Graph(ObjectRef.To(Secret.Resource, "shop", "shop-tls") with { }, maxDepth: 1);
        Assert.Equal(["Ingress/shop"], graph.Edges.Select(e => $"{e.Target.Kind}/{e.Target.Name}"));
        var missing = RelationIndex.Of([]).Graph(ObjectRef.To(Secret.Resource, "shop", "nothing"));
        Assert.Equal(TargetState.Unknown, Assert.Single(missing.Nodes).State);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_names()
    {
        var index = new RelationIndex();
        Assert.Equal("maxNodes", Assert.Throws<ArgumentOutOfRangeException>(() => index.Graph(ObjectRef.To(Pod.Resource, "a", "b"), maxNodes: 0)).ParamName);
        Assert.Equal("maxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => index.Graph(ObjectRef.To(Pod.Resource, "a", "b"), maxDepth: -1)).ParamName);
        Assert.Equal("obj", Assert.Throws<ArgumentNullException>(() => index.Related((KubeObject)null!)).ParamName);
    }

    private static string NameOf(ObjectRef r) => $"{r.Kind}/{r.Namespace}/{r.Name}";
}
