using System.Text.Json.Nodes;
using Dashboard.Core.Relations;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Tests.RelationsFixtures;

namespace Dashboard.Core.Tests;

/// <summary>Relations on lists captured from the demo cluster.</summary>
public sealed class RelationsTests
{
    private static readonly List<KubeObject> Shop = Items(RelationsFixtures.Shop);
    private static readonly List<KubeObject> Data = Items(RelationsFixtures.Data);
    private static readonly List<KubeObject> Payments = Items(RelationsFixtures.Payments);

    private static KubeObject Copy(KubeObject o) => o.Clone();

    [Fact]
    public void A_pods_owner_chain_goes_up_to_its_deployment_by_uid()
    {
        var index = RelationIndex.Of(Shop);
        var pod = Shop.NamedLike("Pod", "frontend-");
        var up = index.Related(pod).OfType(RelationType.OwnedBy);
        Assert.Equal(["ReplicaSet/frontend-7c7c6f65cb", "Deployment/frontend"], up.Names());
        Assert.All(up, r => Assert.Equal(TargetState.Found, r.State));
        Assert.Equal(pod.Name, up[0].Source.Name);
        Assert.Equal("frontend-7c7c6f65cb", up[1].Source.Name);
        Assert.Equal(Shop.Named("Deployment", "frontend").Uid, up[1].Target.Uid);
    }

    [Fact]
    public void A_deployments_chain_goes_down_to_its_pods_and_those_pods_are_not_listed_again_as_selected()
    {
        var related = RelationIndex.Of(Shop).Related(Shop.Named("Deployment", "frontend"));
        var down = related.OfType(RelationType.Owns);
        Assert.Equal(("ReplicaSet", "frontend-7c7c6f65cb"), (down[0].Target.Kind, down[0].Target.Name));
        Assert.Equal(3, down.Count(r => r.Target.Kind == "Pod" && r.Source.Kind == "ReplicaSet"));
        Assert.Empty(related.OfType(RelationType.Selects));
        Assert.Equal(["HorizontalPodAutoscaler/frontend"], related.Names(RelationType.ScaledBy));
    }

    [Fact]
    public void An_owner_is_matched_by_uid_so_a_namesake_does_not_count()
    {
        var pod = Copy(Shop.NamedLike("Pod", "frontend-"));
        pod.Json["metadata"]!["ownerReferences"]![0]!["uid"] = "a-replicaset-that-was-deleted";
        var owner = Assert.Single(RelationIndex.Of(Shop).Related(pod).OfType(RelationType.OwnedBy));
        Assert.Equal(("frontend-7c7c6f65cb", TargetState.Missing), (owner.Target.Name, owner.State));
        Assert.Equal("a-replicaset-that-was-deleted", owner.Target.Uid);
    }

    [Fact]
    public void A_cronjobs_chain_goes_through_its_job_to_the_pod_and_back()
    {
        var index = RelationIndex.Of(Payments);
        var pod = Payments.NamedLike("Pod", "settlement-manual-");
        Assert.Equal(["Job/settlement-manual", "CronJob/settlement"], index.Related(pod).Names(RelationType.OwnedBy));
        var down = index.Related(Payments.Named("CronJob", "settlement")).OfType(RelationType.Owns);
        Assert.Equal(["Job/settlement-manual", $"Pod/{pod.Name}"], down.Names());
    }

    [Fact]
    public void A_statefulset_owns_its_controller_revisions_and_pods()
    {
        var owns = RelationIndex.Of(Data).Related(Data.Named("StatefulSet", "postgres")).Names(RelationType.Owns);
        Assert.Contains("ControllerRevision/postgres-868d547c7", owns);
        Assert.Contains("Pod/postgres-0", owns);
        var revision = RelationIndex.Of(Data).Related(Data.Named("ControllerRevision", "postgres-868d547c7"));
        Assert.Equal(["StatefulSet/postgres"], revision.Names(RelationType.OwnedBy));
    }

    [Fact]
    public void A_service_selects_the_pods_its_selector_matches_and_knows_the_ingress_routing_to_it()
    {
        var related = RelationIndex.Of(Shop).Related(Shop.Named("Service", "frontend"));
        var pods = related.OfType(RelationType.Selects);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, r => Assert.StartsWith("frontend-7c7c6f65cb-", r.Target.Name, StringComparison.Ordinal));
        var ingress = Assert.Single(related.OfType(RelationType.RoutedFrom));
        Assert.Equal("shop", ingress.Target.Name);
        Assert.Equal(new Via(ReferencePath.IngressRule, "shop.demo.local/"), Assert.Single(ingress.Vias));
    }

    [Fact]
    public void A_pod_is_selected_by_services_budgets_and_policies_but_not_again_by_its_own_controllers()
    {
        var selectedBy = RelationIndex.Of(Shop).Related(Shop.NamedLike("Pod", "frontend-")).Names(RelationType.SelectedBy);
        Assert.Equal(["NetworkPolicy/allow-from-ingress", "NetworkPolicy/default-deny-ingress", "PodDisruptionBudget/frontend", "Service/frontend"], selectedBy);
    }

    [Fact]
    public void A_workload_lists_pods_it_selects_without_owning_them()
    {
        var stray = Copy(Shop.NamedLike("Pod", "frontend-"));
        stray.Metadata["name"] = "frontend-by-hand";
        stray.Metadata["uid"] = "stray-uid";
        stray.Metadata.Remove("ownerReferences");
        var index = RelationIndex.Of([.. Shop, stray]);
        Assert.Equal(["Pod/frontend-by-hand"], index.Related(Shop.Named("Deployment", "frontend")).Names(RelationType.Selects));
        Assert.Contains("Deployment/frontend", index.Related(stray).Names(RelationType.SelectedBy));
        Assert.Equal(4, index.SelectedPods(Shop.Named("Deployment", "frontend")).Count);
    }

    [Fact]
    public void An_ingress_leads_to_its_services_and_their_pods_and_uses_its_tls_secret_and_class()
    {
        var related = RelationIndex.Of(Shop).Related(Shop.Named("Ingress", "shop"));
        Assert.Equal(["Service/frontend", "Service/cart", "Service/catalog"], related.Names(RelationType.RoutesTo));
        Assert.All(related.OfType(RelationType.RoutesTo), r => Assert.Equal(TargetState.Found, r.State));
        var pods = related.OfType(RelationType.Selects);
        Assert.Equal(7, pods.Count);
        Assert.Equal(3, pods.Count(r => r.Source.Name == "frontend"));
        Assert.Equal(["Secret/shop-tls", "IngressClass/nginx"], related.Names(RelationType.Uses));
        Assert.Equal("shop.demo.local", related.OfType(RelationType.Uses)[0].Vias[0].Name);
    }

    [Fact]
    public void An_ingress_to_a_service_that_does_not_exist_flags_it_missing()
    {
        var ingress = Copy(Shop.Named("Ingress", "shop"));
        ingress.Spec!["defaultBackend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = "checkout", ["port"] = new JsonObject { ["number"] = 80 } } };
        var related = RelationIndex.Of(Shop).Related(ingress);
        var missing = Assert.Single(related.OfType(RelationType.RoutesTo), r => r.Missing);
        Assert.Equal(("checkout", "shop", ReferencePath.IngressDefaultBackend), (missing.Target.Name, missing.Target.Namespace, missing.Vias[0].Path));
        Assert.DoesNotContain(related, r => r.Source.Name == "checkout");
    }

    [Fact]
    public void A_configmap_is_used_by_the_workload_template_and_the_pods_with_every_place_it_is_named()
    {
        var usedBy = RelationIndex.Of(Shop).Related(Shop.Named("ConfigMap", "frontend-config")).OfType(RelationType.UsedBy);
        Assert.Equal(["Deployment/frontend", "Pod/frontend-7c7c6f65cb-mrnff", "Pod/frontend-7c7c6f65cb-pqmqq", "Pod/frontend-7c7c6f65cb-sn4kb"], usedBy.Names());
        Assert.All(usedBy, r => Assert.Equal(
            [new Via(ReferencePath.Volume, "config"), new Via(ReferencePath.EnvValueFrom, "nginx/FEATURE_FLAGS")],
            r.Vias.OrderBy(v => v.Path).ToList()));
    }

    [Fact]
    public void Secrets_are_used_through_env_from_and_by_ingresses_for_tls()
    {
        var index = RelationIndex.Of([.. Shop, .. Data]);
        var catalog = index.Related(Shop.Named("Secret", "shop-db-credentials")).OfType(RelationType.UsedBy);
        Assert.Equal(3, catalog.Count);
        Assert.All(catalog, r => Assert.Equal(new Via(ReferencePath.EnvValueFrom, "catalog/DATABASE_PASSWORD"), r.Vias.Single()));
        Assert.Equal(["Ingress/shop"], index.Related(Shop.Named("Secret", "shop-tls")).Names(RelationType.UsedBy));
        var postgres = index.Related(Data.Named("Secret", "postgres-credentials")).OfType(RelationType.UsedBy);
        Assert.Contains(postgres, r => r.Target.Name == "postgres-0" && r.Vias.Single() == new Via(ReferencePath.EnvFrom, "postgres"));
    }

    [Fact]
    public void A_pod_lists_what_it_references_and_flags_what_does_not_exist()
    {
        var pod = Copy(Shop.NamedLike("Pod", "catalog-"));
        var container = pod.Spec!["containers"]![0]!.AsObject();
        ((JsonArray)container["envFrom"]!).Add(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "catalog-extra", ["optional"] = true } });
        pod.Spec["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "regcred" });
        pod.Spec["volumes"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "bundle",
            ["projected"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["configMap"] = new JsonObject { ["name"] = "ca-bundle" } }) },
        });
        var uses = RelationIndex.Of(Shop).Related(pod).OfType(RelationType.Uses);

        Assert.Equal(TargetState.Found, uses.Single(r => r.Target.Name == "catalog-config").State);
        Assert.Equal(TargetState.Found, uses.Single(r => r.Target.Name == "shop-db-credentials").State);
        var regcred = uses.Single(r => r.Target.Name == "regcred");
        Assert.True(regcred.Missing);
        Assert.Equal(("Secret", ReferencePath.ImagePullSecret), (regcred.Target.Kind, regcred.Vias[0].Path));
        var optional = uses.Single(r => r.Target.Name == "catalog-extra");
        Assert.True(optional.Missing && optional.Optional);
        var bundle = uses.Single(r => r.Target.Name == "ca-bundle");
        Assert.Equal((true, new Via(ReferencePath.ProjectedVolume, "bundle")), (bundle.Missing, bundle.Vias[0]));
        Assert.Equal(["ServiceAccount/default"], uses.Where(r => r.Vias[0].Path == ReferencePath.ServiceAccountName).Names());
    }

    [Fact]
    public void A_reference_to_an_object_nobody_indexed_is_found_from_the_target_side()
    {
        var pod = Copy(Shop.NamedLike("Pod", "cart-"));
        pod.Spec!["volumes"]!.AsArray().Add(new JsonObject { ["name"] = "gone", ["configMap"] = new JsonObject { ["name"] = "cart-config" } });
        var index = RelationIndex.Of([.. Shop, pod]);
        var usedBy = index.Related(ObjectRef.To(ConfigMap.Resource, "shop", "cart-config"));
        Assert.Equal([$"Pod/{pod.Name}"], usedBy.Names(RelationType.UsedBy));
        Assert.Null(index.Find(ObjectRef.To(ConfigMap.Resource, "shop", "cart-config")));
    }

    [Fact]
    public void A_claim_a_volume_and_the_pod_that_mounts_them_see_each_other()
    {
        var index = RelationIndex.Of(Data);
        var claim = index.Related(Data.Named("PersistentVolumeClaim", "data-postgres-0"));
        var volume = Data.Named("PersistentVolume", "pvc-4a6e77e5-f60e-4bb2-8f5a-1b24d99e6154");
        var bound = Assert.Single(claim.OfType(RelationType.BoundTo));
        Assert.Equal(volume.Name, bound.Target.Name);
        Assert.Equal([ReferencePath.VolumeName, ReferencePath.ClaimRef], bound.Vias.Select(v => v.Path));
        Assert.Equal(["Pod/postgres-0"], claim.Names(RelationType.MountedBy));
        Assert.Equal(["StorageClass/standard"], claim.Names(RelationType.Uses));

        var fromVolume = index.Related(volume);
        Assert.Equal(["PersistentVolumeClaim/data-postgres-0"], fromVolume.Names(RelationType.BoundTo));
        Assert.Equal(["Pod/postgres-0"], fromVolume.Names(RelationType.MountedBy));

        var pod = index.Related(Data.Named("Pod", "postgres-0"));
        Assert.Equal(["PersistentVolumeClaim/data-postgres-0"], pod.Names(RelationType.Mounts));
        Assert.Equal([$"PersistentVolume/{volume.Name}"], pod.Names(RelationType.BoundTo));
    }

    [Fact]
    public void A_cronjob_template_mounts_its_claim_and_a_claim_names_its_missing_storage_class()
    {
        var index = RelationIndex.Of(Data);
        Assert.Equal(["CronJob/postgres-backup"], index.Related(Data.Named("PersistentVolumeClaim", "backups")).Names(RelationType.MountedBy));
        var pending = index.Related(Data.Named("PersistentVolumeClaim", "analytics-scratch"));
        var cls = Assert.Single(pending.OfType(RelationType.Uses));
        Assert.Equal(("premium-ssd", null, TargetState.Missing), (cls.Target.Name, cls.Target.Namespace, cls.State));
        Assert.Empty(pending.OfType(RelationType.BoundTo));
    }

    [Fact]
    public void A_volume_bound_to_a_claim_that_was_recreated_flags_the_claim_missing()
    {
        var volume = Copy(Data.Named("PersistentVolume", "pvc-20b857e1-1590-44d8-9958-8d9e47729359"));
        volume.Spec!["claimRef"]!["uid"] = "uid-of-the-deleted-claim";
        var claim = Assert.Single(RelationIndex.Of(Data).Related(volume).OfType(RelationType.BoundTo));
        Assert.Equal(("backups", TargetState.Missing), (claim.Target.Name, claim.State));
    }

    [Fact]
    public void A_kind_that_was_never_loaded_is_unknown_rather_than_missing()
    {
        var index = new RelationIndex();
        foreach (var group in Payments.GroupBy(o => o.Kind))
            index.Load(BuiltInKinds.All.Single(k => k.Kind == group.Key), "payments", group);
        var pod = Payments.NamedLike("Pod", "payments-api-");
        var owner = Assert.Single(index.Related(pod).OfType(RelationType.OwnedBy));
        Assert.Equal(("ReplicaSet", TargetState.Unknown), (owner.Target.Kind, owner.State));
        Assert.False(index.IsLoaded("apps/v1", "ReplicaSet", "payments"));

        index.Load(ReplicaSet.Resource, "payments", []);
        Assert.Equal(TargetState.Missing, Assert.Single(index.Related(pod).OfType(RelationType.OwnedBy)).State);
        index.Forget(ReplicaSet.Resource, "payments");
        Assert.Equal(TargetState.Unknown, Assert.Single(index.Related(pod).OfType(RelationType.OwnedBy)).State);
    }

    [Fact]
    public void Loading_a_namespace_replaces_only_that_namespaces_objects_of_the_kind()
    {
        var index = new RelationIndex();
        index.Load(Pod.Resource, "shop", Shop.Where(o => o.Kind == "Pod"));
        index.Load(Pod.Resource, "data", Data.Where(o => o.Kind == "Pod"));
        index.Load(Pod.Resource, "shop", Shop.Where(o => o.Kind == "Pod" && o.Name.StartsWith("cart-", StringComparison.Ordinal)));
        Assert.Equal(2 + Data.Count(o => o.Kind == "Pod"), index.Count);
        Assert.True(index.IsLoaded("v1", "Pod", "shop"));
        Assert.False(index.IsLoaded("v1", "Pod", "payments"));
    }
}
