using Dashboard.Core.Projections;
using Dashboard.Kubernetes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests.Projections;

public sealed class ProjectionsRegistryTests
{
    [Fact]
    public void Workload_kinds_have_projections_and_unknown_kinds_do_not()
    {
        foreach (var kind in new[] { Pod.Resource, Deployment.Resource, ReplicaSet.Resource, StatefulSet.Resource, DaemonSet.Resource, Job.Resource, CronJob.Resource })
            Assert.True(RowProjections.Has(kind), kind.QualifiedName);
        Assert.False(RowProjections.Has(Role.Resource));
        Assert.False(RowProjections.Has(new ResourceKind("example.com", "v1", "Widget", "widgets", true) { IsCustom = true }));
    }

    [Fact]
    public void Lookup_ignores_the_version_and_the_instance()
    {
        var discovered = new ResourceKind("apps", "v1beta2", "Deployment", "deployments", true);
        Assert.True(RowProjections.TryGet(discovered, out var p));
        Assert.Equal(typeof(DeploymentRow), p.RowType);
    }

    [Fact]
    public void Generic_code_projects_any_registered_kind_to_a_row_with_name_and_age()
    {
        var now = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
        foreach (var projection in RowProjections.All)
        {
            var obj = ProjectionFixtures.Parse("""{"metadata":{"name":"x","namespace":"n","uid":"u","creationTimestamp":"2026-11-22T01:59:15Z"}}""");
            var row = projection.Project(obj, now);
            Assert.IsType(projection.RowType, row);
            Assert.Equal(("x", "u", "45s"), (row.Name, row.Uid, row.Age));
        }
    }

    [Fact]
    public void Every_projection_is_for_a_built_in_kind()
    {
        var kinds = new ResourceKinds();
        foreach (var p in RowProjections.All)
            Assert.NotNull(kinds.FindByKind(p.Kind.ApiVersion, p.Kind.Kind));
    }
}

public sealed class ProjectionsRobustnessTests
{
    [Theory]
    [InlineData("""{"metadata":{"name":5,"labels":"x"},"spec":[],"status":"x"}""")]
    [InlineData("""{"metadata":null,"spec":{"replicas":"three","containers":{"a":1},"template":7,"schedule":12},"status":{"conditions":"no","containerStatuses":[1,null,"x"]}}""")]
    public void Mistyped_fields_still_give_a_row_for_every_kind(string json)
    {
        var now = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
        foreach (var projection in RowProjections.All)
        {
            var row = projection.Project(ProjectionFixtures.Parse(json), now);
            Assert.Equal("<unknown>", row.Age);
        }
    }
}
