using Dashboard.Core.Caching;
using Dashboard.Core.Relations;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Config;
using Dashboard.Kubernetes.Emulator;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Tests.RelationsFixtures;

namespace Dashboard.Core.Tests;

/// <summary>The demo cluster with an admin and a viewer signed in, and a cache.</summary>
public sealed class RelationsLiveFixture : IAsyncLifetime
{
    public KubeEmulator Emulator { get; private set; } = null!;
    public KubeClientPool Pool { get; } = new();
    public ClusterCache Cache { get; private set; } = null!;
    public string Admin { get; private set; } = "";
    public string Viewer { get; private set; } = "";
    public KubeApiClient AdminClient => Pool.Get("demo", Admin);

    public async Task InitializeAsync()
    {
        Emulator = await KubeEmulator.StartAsync(new EmulatorOptions { Scenario = "demo", TimeScale = 0.05 });
        Pool.AddCluster("demo", KubeClientSettingsLoader.Explicit(Emulator.Url, Emulator.AdminToken, Emulator.CaPem));
        Admin = Pool.SignIn("demo", Emulator.AdminToken);
        Viewer = Pool.SignIn("demo", Emulator.Context.Users.TokenOf("viewer"));
        Cache = new ClusterCache(Pool, new InformerOptions { GracePeriod = TimeSpan.FromMilliseconds(300), ForbiddenRetry = TimeSpan.FromMinutes(5) });
    }

    public async Task DisposeAsync()
    {
        await Cache.DisposeAsync();
        Pool.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>Relations of the live demo cluster, fed by cache subscriptions and followed as the cluster changes.</summary>
public sealed class RelationsLiveTests(RelationsLiveFixture demo) : IClassFixture<RelationsLiveFixture>
{
    private static List<Relation> Owned(RelationIndex index, KubeObject owner) => index.Related(owner).OfType(RelationType.Owns);

    [Fact]
    public async Task The_full_chain_of_a_demo_deployment_matches_what_the_api_server_lists()
    {
        await using var feed = await RelationFeed.StartAsync(demo.Cache, "demo", demo.Admin, "shop");
        var index = feed.Index;
        var deployment = await demo.AdminClient.GetAsync(Deployment.Resource, "shop", "frontend");
        await CacheFixture.Eventually(() => Owned(index, deployment).Count(r => r.Target.Kind == "Pod") == 3, "frontend's three pods");

        var pods = (await demo.AdminClient.ListAsync(Pod.Resource, "shop", new ListOptions { LabelSelector = "app=frontend" })).Items;
        var down = Owned(index, deployment);
        var rs = Assert.Single(down, r => r.Target.Kind == "ReplicaSet" && r.Source.Name == "frontend");
        Assert.Equal(pods.Select(p => p.Name).Order(), down.Where(r => r.Target.Kind == "Pod").Select(r => r.Target.Name).Order());
        Assert.All(down.Where(r => r.Target.Kind == "Pod"), r => Assert.Equal(rs.Target.Name, r.Source.Name));

        var up = index.Related(pods[0]).OfType(RelationType.OwnedBy);
        Assert.Equal([rs.Target.Uid, deployment.Uid], up.Select(r => r.Target.Uid));

        var ingress = index.Related(ObjectRef.To(Ingress.Resource, "shop", "shop"));
        Assert.Equal(3, ingress.Count(r => r.Type == RelationType.Selects && r.Source.Name == "frontend"));
        Assert.Contains(ingress, r => r.Type == RelationType.Uses && r.Target.Kind == "IngressClass" && r.State == TargetState.Found);
        Assert.Equal(["Deployment/frontend", .. pods.Select(p => $"Pod/{p.Name}").Order()],
            index.Related(ObjectRef.To(ConfigMap.Resource, "shop", "frontend-config")).Names(RelationType.UsedBy));
    }

    [Fact]
    public async Task Scaling_a_deployment_and_deleting_a_configmap_show_up_in_its_relations()
    {
        await using var feed = await RelationFeed.StartAsync(demo.Cache, "demo", demo.Admin, "shop");
        var index = feed.Index;
        var cart = await demo.AdminClient.GetAsync(Deployment.Resource, "shop", "cart");
        await CacheFixture.Eventually(() => Owned(index, cart).Count(r => r.Target.Kind == "Pod") == 2, "cart's two pods");

        await demo.AdminClient.ScaleAsync(Deployment.Resource, "shop", "cart", 4);
        await CacheFixture.Eventually(() => Owned(index, cart).Count(r => r.Target.Kind == "Pod") == 4, "cart scaled to four pods");
        Assert.Equal(4, index.Related(ObjectRef.To(Service.Resource, "shop", "cart")).OfType(RelationType.Selects).Count);

        var catalogPod = ObjectRef.Of((await demo.AdminClient.ListAsync(Pod.Resource, "shop", new ListOptions { LabelSelector = "app=catalog" })).Items[0]);
        Relation Config() => index.Related(catalogPod).Single(r => r.Target.Name == "catalog-config");
        Assert.Equal(TargetState.Found, Config().State);
        await demo.AdminClient.DeleteAsync(ConfigMap.Resource, "shop", "catalog-config");
        await CacheFixture.Eventually(() => Config().Missing, "the deleted configmap flagged missing");
        Assert.Equal(ReferencePath.EnvFrom, Config().Vias.Single().Path);
    }

    [Fact]
    public async Task A_kind_the_user_may_not_list_is_unknown_not_missing()
    {
        await using var feed = await RelationFeed.StartAsync(demo.Cache, "demo", demo.Viewer, "shop");
        var secrets = feed.Statuses.Single(s => s.Key.Kind == Secret.Resource).Value;
        Assert.Equal(InformerState.Forbidden, secrets.State);
        var ingress = feed.Index.Related(ObjectRef.To(Ingress.Resource, "shop", "shop"));
        var tls = Assert.Single(ingress, r => r.Target.Kind == "Secret");
        Assert.Equal(TargetState.Unknown, tls.State);
        Assert.All(ingress.OfType(RelationType.RoutesTo), r => Assert.Equal(TargetState.Found, r.State));
    }
}
