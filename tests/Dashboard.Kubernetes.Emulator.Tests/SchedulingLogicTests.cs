using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Kubelet;
using Dashboard.Kubernetes.Emulator.Scheduling;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Pure pieces of the scheduler and kubelet: quantities, QoS, image names, back-off, FitError text.</summary>
public sealed class SchedulingLogicTests
{
    [Theory]
    [InlineData("500m", 500)]
    [InlineData("2", 2000)]
    [InlineData("0.25", 250)]
    [InlineData("1.5", 1500)]
    public void Cpu_quantities_become_millicores(string text, long milli) => Assert.Equal(milli, Quantities.MilliCpu(text));

    [Theory]
    [InlineData("128Mi", 134217728)]
    [InlineData("1G", 1000000000)]
    [InlineData("1e3", 1000)]
    [InlineData("4Gi", 4294967296)]
    public void Memory_quantities_become_bytes(string text, long bytes) => Assert.Equal(bytes, Quantities.Value(text));

    private static JsonObject Pod(string containers) =>
        (JsonObject)JsonNode.Parse("{\"spec\":{\"containers\":" + containers + "}}")!;

    [Fact]
    public void Qos_class_follows_requests_and_limits()
    {
        Assert.Equal("BestEffort", QosClass.Of(Pod("""[{"name":"a"}]""")));
        Assert.Equal("Guaranteed", QosClass.Of(Pod("""[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]""")));
        Assert.Equal("Burstable", QosClass.Of(Pod("""[{"name":"a","resources":{"requests":{"cpu":"1"}}}]""")));
        Assert.Equal("Burstable", QosClass.Of(Pod("""[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}},{"name":"b"}]""")));
    }

    [Fact]
    public void Requests_take_the_larger_of_app_containers_and_init_containers()
    {
        var pod = (JsonObject)JsonNode.Parse("""
            {"spec":{"initContainers":[{"name":"i","resources":{"requests":{"cpu":"2"}}}],
                     "containers":[{"name":"a","resources":{"requests":{"cpu":"500m","memory":"1Gi"}}},{"name":"b","resources":{"limits":{"cpu":"1"}}}]}}
            """)!;
        Assert.Equal(new PodRequests(2000, 1073741824), PodRequests.Of(pod));
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("bitnami/redis:7", "docker.io/bitnami/redis:7")]
    [InlineData("ghcr.io/org/app:v2", "ghcr.io/org/app:v2")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest")]
    public void Images_are_normalized_like_containerd(string image, string normalized) =>
        Assert.Equal(normalized, ImageNames.Normalize(image));

    [Fact]
    public void Only_the_conventional_images_fail_to_pull()
    {
        Assert.Null(ImageNames.PullError("nginx:1.27"));
        Assert.Contains("docker.io/library/nginx:doesnotexist: not found", ImageNames.PullError("nginx:doesnotexist"));
        Assert.Contains("lookup registry.invalid: no such host", ImageNames.PullError("registry.invalid/app:v1"));
        Assert.StartsWith("docker.io/library/nginx@sha256:", ImageNames.ImageId("nginx"));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "10s")]
    [InlineData(3, "40s")]
    [InlineData(4, "1m20s")]
    [InlineData(5, "2m40s")]
    [InlineData(9, "5m0s")]
    public void Restart_back_off_doubles_from_10s_to_5m(int failures, string text) =>
        Assert.Equal(text, PodSimulation.GoDuration(PodSimulation.BackOffSeconds(failures)));

    [Fact]
    public void Fit_error_sorts_count_prefixed_reasons_as_strings()
    {
        var pod = new JsonObject { ["spec"] = new JsonObject() };
        NodeRejection[] rejections =
        [
            new(["Insufficient cpu"], true),
            new(["node(s) were unschedulable"], false),
            new(["Insufficient cpu", "Insufficient memory"], true),
        ];
        Assert.Equal(
            "0/3 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 Insufficient cpu. " +
            "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
            NodeFilter.Message(pod, 3, rejections));
        Assert.Equal("no nodes available to schedule pods", NodeFilter.Message(pod, 0, []));
    }

    [Fact]
    public void Tolerations_match_by_key_operator_value_and_effect()
    {
        var taint = new Taint("dedicated", "gpu", "NoSchedule");
        JsonObject T(string json) => (JsonObject)JsonNode.Parse(json)!;
        Assert.True(taint.ToleratedBy([T("""{"key":"dedicated","operator":"Equal","value":"gpu","effect":"NoSchedule"}""")]));
        Assert.True(taint.ToleratedBy([T("""{"key":"dedicated","operator":"Exists"}""")]));
        Assert.True(taint.ToleratedBy([T("""{"operator":"Exists"}""")]));
        Assert.False(taint.ToleratedBy([T("""{"key":"dedicated","value":"cpu"}""")]));
        Assert.False(taint.ToleratedBy([T("""{"key":"dedicated","operator":"Exists","effect":"NoExecute"}""")]));
    }
}
