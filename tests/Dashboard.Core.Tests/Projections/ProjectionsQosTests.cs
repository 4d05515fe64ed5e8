using System.Text.Json.Nodes;
using Dashboard.Core.Projections;

namespace Dashboard.Core.Tests.Projections;

/// <summary>The QoS rules of the API server, on specs without status.qosClass.</summary>
public sealed class ProjectionsQosTests
{
    private static QosClass Of(string containers, string? init = null) =>
        PodQos.Compute(JsonNode.Parse($$"""{"containers":{{containers}}{{(init is null ? "" : ",\"initContainers\":" + init)}}}""")!.AsObject());

    [Fact]
    public void No_requests_or_limits_is_best_effort() =>
        Assert.Equal(QosClass.BestEffort, Of("""[{"name":"a"},{"name":"b","resources":{"requests":{"ephemeral-storage":"1Gi"}}}]"""));

    [Fact]
    public void Equal_cpu_and_memory_requests_and_limits_everywhere_is_guaranteed() =>
        Assert.Equal(QosClass.Guaranteed, Of("""[{"name":"a","resources":{"requests":{"cpu":"500m","memory":"256Mi"},"limits":{"cpu":"0.5","memory":"268435456"}}}]"""));

    [Fact]
    public void Limits_alone_are_guaranteed_because_requests_default_to_them() =>
        Assert.Equal(QosClass.Guaranteed, Of("""[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]"""));

    [Fact]
    public void Requests_below_limits_are_burstable() =>
        Assert.Equal(QosClass.Burstable, Of("""[{"name":"a","resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"memory":"256Mi"}}}]"""));

    [Fact]
    public void One_container_without_limits_makes_the_pod_burstable() =>
        Assert.Equal(QosClass.Burstable, Of(
            """[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}},{"name":"b"}]"""));

    [Fact]
    public void Init_containers_count_like_containers() =>
        Assert.Equal(QosClass.Burstable, Of(
            """[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]""",
            """[{"name":"i","resources":{"requests":{"cpu":"100m"}}}]"""));

    [Fact]
    public void Zero_quantities_count_as_absent() =>
        Assert.Equal(QosClass.BestEffort, Of("""[{"name":"a","resources":{"requests":{"cpu":"0","memory":"0"}}}]"""));

    [Fact]
    public void The_status_class_wins_when_present()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"a"}]},"status":{"qosClass":"Guaranteed"}}""")!.AsObject();
        Assert.Equal(QosClass.Guaranteed, PodQos.Of(pod));
    }

    [Fact]
    public void Captured_pods_compute_the_class_the_server_reported()
    {
        foreach (var name in new[] { "pod-frontend", "pod-ledger-worker", "pod-report-builder", "pod-fraud-detector" })
        {
            var pod = ProjectionFixtures.Load(name).Json;
            var reported = Enum.Parse<QosClass>(pod["status"]!["qosClass"]!.GetValue<string>());
            Assert.Equal(reported, PodQos.Compute(pod["spec"]!.AsObject()));
        }
    }
}
