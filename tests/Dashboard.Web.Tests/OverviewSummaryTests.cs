using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Live;

namespace Dashboard.Web.Tests;

/// <summary>The overview's unhealthy workloads, on plain objects.</summary>
public sealed class OverviewSummaryTests
{
    [Fact]
    public void A_workload_selecting_by_expressions_is_diagnosed_with_its_own_pods()
    {
        // Selected by matchExpressions only: a matchLabels-only reading found no pods and gave no reason.
        var deployment = Workload("Deployment", "api", new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "app", ["operator"] = "In", ["values"] = new JsonArray("api") }),
        }, spec: new JsonObject { ["replicas"] = 2 }, status: new JsonObject { ["readyReplicas"] = 0, ["updatedReplicas"] = 2 });
        var pods = new[] { WaitingPod("api-1", "api", "CrashLoopBackOff"), WaitingPod("other-1", "other", "ImagePullBackOff") };

        var item = Assert.Single(OverviewSummary.From([], pods, [deployment], []).Unhealthy);
        Assert.Equal("ReplicasUnavailable", item.Finding.Code);
        Assert.Contains("Pods report: Container c keeps crashing", item.Finding.Summary);
        Assert.DoesNotContain("cannot be pulled", item.Finding.Summary); // another workload's pod
    }

    [Fact]
    public void Healthy_daemon_sets_are_not_listed_and_a_short_one_is()
    {
        JsonObject Selector() => new() { ["matchLabels"] = new JsonObject { ["app"] = "agent" } };
        var healthy = Workload("DaemonSet", "agent", Selector(), status: new JsonObject { ["desiredNumberScheduled"] = 3, ["numberReady"] = 3, ["updatedNumberScheduled"] = 3 });
        Assert.Empty(OverviewSummary.From([], [], [healthy], []).Unhealthy);

        var shortOne = Workload("DaemonSet", "agent", Selector(), status: new JsonObject { ["desiredNumberScheduled"] = 3, ["numberReady"] = 2, ["updatedNumberScheduled"] = 3 });
        var item = Assert.Single(OverviewSummary.From([], [], [shortOne], []).Unhealthy);
        Assert.Equal((DaemonSet.Resource, "ReplicasUnavailable"), (item.Kind, item.Finding.Code));
    }

    private static KubeObject Workload(string kind, string name, JsonObject selector, JsonObject? spec = null, JsonObject? status = null)
    {
        spec ??= [];
        spec["selector"] = selector;
        return new KubeObject(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop", ["uid"] = name },
            ["spec"] = spec,
            ["status"] = status ?? [],
        });
    }

    private static KubeObject WaitingPod(string name, string app, string reason) => new(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop", ["uid"] = name, ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "api:1" }) },
        ["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "c", ["ready"] = false, ["restartCount"] = 5,
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = "back-off 5m0s" } },
                ["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error" } },
            }),
        },
    });
}
