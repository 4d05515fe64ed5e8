using Dashboard.Core.Projections;
using static Dashboard.Core.Tests.Projections.ProjectionFixtures;

namespace Dashboard.Core.Tests.Projections;

/// <summary>kubectl's pod columns on captured and hand-written pods.</summary>
public sealed class ProjectionsPodRowTests
{
    private static PodRow Row(string fixture, DateTimeOffset? now = null) => PodRow.From(Load(fixture), now ?? Now);

    [Fact]
    public void A_healthy_pod_is_running_and_ready()
    {
        var row = Row("pod-frontend");
        Assert.Equal(("1/1", "Running", "0", RowHealth.Ok), (row.Ready, row.Status, row.RestartsText, row.Health));
        Assert.Equal("demo-worker", row.Node);
        Assert.Matches(@"^10\.244\.\d+\.\d+$", row.IP);
        Assert.Equal(QosClass.Burstable, row.Qos);
        Assert.Equal("ReplicaSet", row.ControllerKind);
    }

    [Fact]
    public void A_crash_loop_shows_the_waiting_reason_and_the_time_of_the_last_restart()
    {
        var pod = Load("pod-fraud-detector");
        var row = PodRow.From(pod, Now);
        Assert.Equal("CrashLoopBackOff", row.Status);
        Assert.Equal(RowHealth.Failed, row.Health);
        Assert.True(row.Restarts > 0);
        var finished = DateTimeOffset.Parse(pod.Json["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!["finishedAt"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(finished, row.LastRestart);
        Assert.Equal($"{row.Restarts} ({KubeFormat.HumanDuration(Now - finished)} ago)", row.RestartsText);
    }

    [Fact]
    public void An_image_that_cannot_be_pulled_shows_the_pull_reason() =>
        Assert.Equal(("0/1", "ImagePullBackOff"), (Row("pod-recommendations").Ready, Row("pod-recommendations").Status));

    [Fact]
    public void An_unschedulable_pod_is_pending_without_node_or_ip()
    {
        var row = Row("pod-report-builder");
        Assert.Equal(("Pending", "<none>", "<none>", RowHealth.Progressing), (row.Status, row.Node, row.IP, row.Health));
    }

    [Fact]
    public void A_failing_readiness_probe_leaves_the_pod_running_but_not_ready()
    {
        var row = Row("pod-legacy-api");
        Assert.Equal(("0/1", "Running", RowHealth.Warning), (row.Ready, row.Status, row.Health));
    }

    [Fact]
    public void An_oom_loop_shows_its_waiting_or_terminated_reason()
    {
        var row = Row("pod-ledger-worker");
        Assert.Contains(row.Status, new[] { "CrashLoopBackOff", "OOMKilled" });
        Assert.Equal(RowHealth.Failed, row.Health);
    }

    [Fact]
    public void The_first_init_container_still_running_gives_init_0_of_2()
    {
        var row = Row("pod-init-0of2");
        Assert.Equal(("Init:0/2", "0/1", "0", RowHealth.Progressing), (row.Status, row.Ready, row.RestartsText, row.Health));
    }

    [Fact]
    public void A_failed_init_container_gives_init_error_and_counts_init_restarts()
    {
        var row = Row("pod-init-error", new DateTimeOffset(2026, 11, 22, 1, 5, 0, TimeSpan.Zero));
        Assert.Equal(("Init:Error", 3, "3 (3m ago)", RowHealth.Failed), (row.Status, row.Restarts, row.RestartsText, row.Health));
    }

    [Fact]
    public void A_deleted_running_pod_is_terminating()
    {
        var row = Row("pod-terminating");
        Assert.Equal(("Terminating", "1/1", "2d", RowHealth.Progressing), (row.Status, row.Ready, row.Age, row.Health));
        Assert.Equal(QosClass.Guaranteed, row.Qos);
    }

    [Fact]
    public void An_evicted_pod_shows_the_status_reason()
    {
        var row = Row("pod-evicted");
        Assert.Equal(("Evicted", "Failed", "0/1", RowHealth.Failed, QosClass.BestEffort), (row.Status, row.Phase, row.Ready, row.Health, row.Qos));
    }

    [Fact]
    public void An_evicted_pod_with_terminated_containers_shows_the_container_reason_as_kubectl_does()
    {
        var pod = Load("pod-evicted");
        pod.Json["status"]!["containerStatuses"] = System.Text.Json.Nodes.JsonNode.Parse(
            """[{"name":"analytics","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":137,"reason":"ContainerStatusUnknown"}}}]""");
        Assert.Equal("ContainerStatusUnknown", PodRow.From(pod, Now).Status);
    }

    [Fact]
    public void A_deleted_pod_on_a_lost_node_is_unknown()
    {
        var row = Row("pod-nodelost");
        Assert.Equal(("Unknown", RowHealth.Unknown), (row.Status, row.Health));
    }

    [Fact]
    public void A_gated_pod_says_scheduling_gated_and_counts_its_sidecar()
    {
        var row = Row("pod-sidecar-gated");
        Assert.Equal(("SchedulingGated", "0/2", "<none>"), (row.Status, row.Ready, row.Node));
    }

    [Fact]
    public void Sidecars_count_as_containers_and_their_restarts_count()
    {
        var row = Row("pod-sidecar-running", new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(("Running", "2/2", 3), (row.Status, row.Ready, row.Restarts));
        Assert.Equal("3 (30m ago)", row.RestartsText);
        Assert.Equal("1/2", row.ReadinessGates);
    }

    [Fact]
    public void A_completed_container_beside_a_running_one_shows_not_ready_without_the_ready_condition()
    {
        var pod = Parse("""
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[
               {"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
               {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """);
        Assert.Equal("NotReady", PodRow.From(pod, Now).Status);
        pod.Json["status"]!["conditions"]![0]!["status"] = "True";
        Assert.Equal("Running", PodRow.From(pod, Now).Status);
    }

    [Theory]
    [InlineData("""{"exitCode":2}""", "ExitCode:2")]
    [InlineData("""{"exitCode":0,"signal":9}""", "Signal:9")]
    [InlineData("""{"exitCode":137,"reason":"OOMKilled"}""", "OOMKilled")]
    public void Terminated_containers_without_a_reason_print_their_exit_code_or_signal(string terminated, string expected)
    {
        var pod = Parse($$$"""
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Failed","containerStatuses":[{"name":"a","restartCount":0,"state":{"terminated":{{{terminated}}}}}]}}
            """);
        Assert.Equal(expected, PodRow.From(pod, Now).Status);
    }

    [Fact]
    public void An_empty_object_still_projects()
    {
        var row = PodRow.From(Parse("{}"), Now);
        Assert.Equal(("", "0/0", "", "<unknown>"), (row.Name, row.Ready, row.Status, row.Age));
    }
}
