using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Core.Relations;
using Dashboard.Kubernetes;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Relations;

namespace Dashboard.Web.Tests;

/// <summary>The Related section of detail pages, against the demo cluster.</summary>
public sealed class RelatedSectionTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private KubeApiClient Admin => fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));

    private static IRenderedComponent<RelatedSection> Render(BunitContext ctx, ResourceKind kind, KubeObject obj) =>
        ctx.Render<RelatedSection>(p => p.Add(c => c.Kind, kind).Add(c => c.Object, obj));

    [Fact]
    public async Task A_deployment_links_down_its_chain_to_its_pods_and_to_its_autoscaler()
    {
        await using var ctx = fx.Context();
        var deployment = await Admin.GetAsync(Deployment.Resource, "shop", "frontend");
        var pods = (await Admin.ListAsync(Pod.Resource, "shop", new ListOptions { LabelSelector = "app=frontend" })).Items;
        var cut = Render(ctx, Deployment.Resource, deployment);
        cut.WaitForAssertion(() =>
        {
            var owns = cut.Find("[data-relation=Owns]");
            var hrefs = owns.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
            Assert.Contains(hrefs, h => h!.StartsWith("/ns/shop/replicasets.apps/frontend-", StringComparison.Ordinal));
            Assert.All(pods, p => Assert.Contains($"/ns/shop/pods/{p.Name}", hrefs));
        }, Wait);
        Assert.Contains("Owns", cut.Find("[data-relation=Owns] h3").TextContent);
        Assert.Contains("through ReplicaSet frontend-", cut.Find("[data-relation=Owns]").TextContent);
        Assert.Equal("/ns/shop/horizontalpodautoscalers.autoscaling/frontend", cut.Find("[data-relation=ScaledBy] a").GetAttribute("href"));
        Assert.Contains("volume config", cut.Find("[data-relation=Uses]").TextContent);
    }

    [Fact]
    public async Task A_missing_configmap_is_flagged_and_the_flag_goes_when_it_is_created()
    {
        const string ns = "related-live";
        await Admin.CreateAsync(Namespace.Resource, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        var pod = await Admin.CreateAsync(Pod.Resource, ns, (JsonObject)JsonNode.Parse("""
            {"metadata":{"name":"waiting"},"spec":{"containers":[{"name":"app","image":"nginx:1.27",
              "envFrom":[{"configMapRef":{"name":"late-config"}}]}]}}
            """)!);
        await using var ctx = fx.Context();
        var cut = Render(ctx, Pod.Resource, pod);
        cut.WaitForAssertion(() =>
        {
            var item = Assert.Single(cut.FindAll("[data-relation=Uses] .related-item"), li => li.TextContent.Contains("late-config", StringComparison.Ordinal));
            Assert.Equal("Missing", item.GetAttribute("data-state"));
            Assert.Contains("Missing", item.TextContent);
            Assert.Contains("envFrom of app", item.TextContent);
        }, Wait);

        await Admin.CreateAsync(ConfigMap.Resource, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "late-config" } });
        cut.WaitForAssertion(() =>
        {
            var item = Assert.Single(cut.FindAll("[data-relation=Uses] .related-item"), li => li.TextContent.Contains("late-config", StringComparison.Ordinal));
            Assert.Equal("Found", item.GetAttribute("data-state"));
            Assert.Equal($"/ns/{ns}/configmaps/late-config", item.QuerySelector("a")!.GetAttribute("href"));
        }, Wait);
    }

    [Fact]
    public async Task A_viewer_who_cannot_read_secrets_sees_them_as_unknown_not_missing()
    {
        await using var ctx = fx.Context("viewer");
        var ingress = await Admin.GetAsync(Ingress.Resource, "shop", "shop");
        var cut = Render(ctx, Ingress.Resource, ingress);
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("secrets", cut.Find(".related-unreadable").TextContent);
            var tls = Assert.Single(cut.FindAll("[data-relation=Uses] .related-item"), li => li.TextContent.Contains("shop-tls", StringComparison.Ordinal));
            Assert.Equal("Unknown", tls.GetAttribute("data-state"));
            Assert.Equal(3, cut.FindAll("[data-relation=RoutesTo] .related-item[data-state=Found]").Count);
        }, Wait);
        Assert.Empty(cut.FindAll("[data-state=Missing]"));
    }

    [Fact]
    public async Task Cluster_scoped_objects_watch_only_what_points_at_them()
    {
        await using var ctx = fx.Context();
        var claim = await Admin.GetAsync(PersistentVolumeClaim.Resource, "data", "data-postgres-0");
        var volume = await Admin.GetAsync(PersistentVolume.Resource, null, claim.GetString("spec.volumeName")!);
        var cut = Render(ctx, PersistentVolume.Resource, volume);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("/ns/data/persistentvolumeclaims/data-postgres-0", cut.Find("[data-relation=BoundTo] a").GetAttribute("href"));
            Assert.Equal("/ns/data/pods/postgres-0", cut.Find("[data-relation=MountedBy] a").GetAttribute("href"));
        }, Wait);

        var pod = await Admin.GetAsync(Pod.Resource, "data", "postgres-0");
        var node = await Admin.GetAsync(Node.Resource, null, pod.GetString("spec.nodeName")!);
        var onNode = (await Admin.ListAsync(Pod.Resource, null, new ListOptions { FieldSelector = "spec.nodeName=" + node.Name })).Items;
        var nodeCut = Render(ctx, Node.Resource, node);
        nodeCut.WaitForAssertion(() => Assert.Equal(onNode.Count, nodeCut.FindAll("[data-relation=Hosts] .related-item").Count), Wait);
        Assert.Contains("postgres-0", nodeCut.Find("[data-relation=Hosts]").TextContent);
    }

    [Fact]
    public async Task The_section_speaks_chinese()
    {
        await using var ctx = fx.Context("admin", "zh-CN");
        var service = await Admin.GetAsync(Service.Resource, "shop", "cart");
        var cut = Render(ctx, Service.Resource, service);
        cut.WaitForAssertion(() => Assert.Contains("选择的 Pod", cut.Find("[data-relation=Selects] h3").TextContent), Wait);
        Assert.Contains("路由来源", cut.Find("[data-relation=RoutedFrom] h3").TextContent);
        Assert.Contains("规则 shop.demo.local/api/cart", cut.Find("[data-relation=RoutedFrom]").TextContent);
    }

    [Fact]
    public void Groups_come_in_reading_order_with_hops_marked_and_unserved_kinds_unlinked()
    {
        static KubeObject Obj(string json) => new((JsonObject)JsonNode.Parse(json)!);
        var owner = Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"a","uid":"w1"}}""");
        var rs = Obj("""{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"rs","namespace":"a","uid":"r1","ownerReferences":[{"apiVersion":"example.com/v1","kind":"Widget","name":"w","uid":"w1","controller":true}]},"spec":{"selector":{"matchLabels":{"app":"x"}}}}""");
        var pod = Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"a","uid":"p1","labels":{"app":"x"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"r1","controller":true}]},"spec":{"containers":[{"name":"c","image":"i"}]}}""");
        var index = RelationIndex.Of([owner, rs, pod]);

        var groups = RelatedView.Build(owner, index.Related(owner), new ResourceKinds());
        var owns = Assert.Single(groups);
        Assert.Equal(RelationType.Owns, owns.Type);
        Assert.Null(owns.Items[0].Through);
        Assert.Equal("rs", owns.Items[1].Through!.Name);
        Assert.Equal("/ns/a/pods/p", owns.Items[1].Url);

        var fromPod = RelatedView.Build(pod, index.Related(pod), new ResourceKinds());
        Assert.Equal(RelationType.OwnedBy, fromPod[0].Type);
        Assert.Null(fromPod[0].Items.Single(i => i.Relation.Target.Kind == "Widget").Url);
    }
}
