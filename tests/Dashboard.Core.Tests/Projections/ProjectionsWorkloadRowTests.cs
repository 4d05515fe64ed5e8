using Dashboard.Kubernetes.Models;
using System.Globalization;
using Dashboard.Core.Projections;
using static Dashboard.Core.Tests.Projections.ProjectionFixtures;

namespace Dashboard.Core.Tests.Projections;

/// <summary>
/// Workload rows on objects captured from the demo cluster; expected cells are what <c>kubectl get -o wide</c> printed
/// for the same objects (ages aside).
/// </summary>
public sealed class ProjectionsWorkloadRowTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 22, 1, 58, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("frontend", "3/3", 3, 3, RowHealth.Ok)]
    [InlineData("fraud-detector", "0/1", 1, 0, RowHealth.Warning)]
    [InlineData("recommendations", "0/1", 1, 0, RowHealth.Warning)]
    public void Deployments_show_ready_up_to_date_and_available(string name, string ready, long upToDate, long available, RowHealth health)
    {
        var row = DeploymentRow.From(Item("demo-deployments", name), Captured);
        Assert.Equal((ready, upToDate, available, health), (row.Ready, row.UpToDate, row.Available, row.Health));
        Assert.Equal("app=" + name, row.Selector);
    }

    [Fact]
    public void Deployment_images_and_selectors_are_comma_joined()
    {
        var row = DeploymentRow.From(Item("demo-deployments", "ingress-nginx-controller"), Captured);
        Assert.Equal(("controller", "registry.k8s.io/ingress-nginx/controller:v1.11.3"), (row.Containers, row.Images));
        Assert.StartsWith("app.kubernetes.io/component=controller,", row.Selector, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_past_its_progress_deadline_is_failed()
    {
        var d = Item("demo-deployments", "fraud-detector");
        d.Json["status"]!["conditions"] = System.Text.Json.Nodes.JsonNode.Parse(
            """[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]""");
        Assert.Equal(RowHealth.Failed, DeploymentRow.From(d, Captured).Health);
    }

    [Fact]
    public void Replica_sets_show_desired_current_ready_owner_and_revision()
    {
        var rs = Items("demo-replicasets").Single(r => r.Name.StartsWith("payments-api-", StringComparison.Ordinal));
        var row = ReplicaSetRow.From(rs, Captured);
        Assert.Equal((2L, 2L, 2L, "payments-api", 1L), (row.Desired, row.Current, row.Ready, row.Owner, row.Revision));
        Assert.StartsWith("app=payments-api,pod-template-hash=", row.Selector, StringComparison.Ordinal);
    }

    [Fact]
    public void Stateful_sets_show_ready_over_desired()
    {
        var row = StatefulSetRow.From(Item("demo-statefulsets", "postgres"), Captured);
        Assert.Equal(("2/2", "postgres", "postgres:16.4", RowHealth.Ok), (row.Ready, row.Containers, row.Images, row.Health));
    }

    [Fact]
    public void Daemon_sets_show_the_five_counts_and_the_node_selector()
    {
        var row = DaemonSetRow.From(Item("demo-daemonsets", "kube-proxy"), Captured);
        Assert.Equal((3L, 3L, 3L, 3L, 3L, "<none>", "k8s-app=kube-proxy"), (row.Desired, row.Current, row.Ready, row.UpToDate, row.Available, row.NodeSelector, row.Selector));
        var ds = Item("demo-daemonsets", "node-exporter");
        ds.Json["spec"]!["template"]!["spec"]!["nodeSelector"] = System.Text.Json.Nodes.JsonNode.Parse("""{"kubernetes.io/os":"linux","disk":"ssd"}""");
        Assert.Equal("disk=ssd,kubernetes.io/os=linux", DaemonSetRow.From(ds, Captured).NodeSelector);
    }

    [Fact]
    public void A_completed_job_shows_its_completions_and_how_long_it_took()
    {
        var row = JobRow.From(Item("demo-jobs", "db-migrate"), Captured);
        Assert.Equal(("Complete", "1/1", "7s", RowHealth.Completed), (row.Status, row.Completions, row.DurationText, row.Health));
    }

    [Fact]
    public void A_failed_job_without_completion_time_runs_its_duration_to_now()
    {
        var job = Item("demo-jobs", "import-bank-files");
        var row = JobRow.From(job, Captured);
        Assert.Equal(("Failed", "0/1", RowHealth.Failed), (row.Status, row.Completions, row.Health));
        Assert.Equal(KubeFormat.HumanDuration(Captured - row.Started!.Value), row.DurationText);
    }

    [Theory]
    [InlineData("""{"completions":5}""", """{"succeeded":2}""", "2/5")]
    [InlineData("""{"parallelism":3}""", """{"succeeded":1}""", "1/1 of 3")]
    [InlineData("""{}""", """{}""", "0/1")]
    public void Job_completions_follow_kubectls_forms(string spec, string status, string expected) =>
        Assert.Equal(expected, JobRow.From(Parse($$$"""{"metadata":{"name":"j"},"spec":{{{spec}}},"status":{{{status}}}}"""), Captured).Completions);

    [Theory]
    [InlineData("""[{"type":"Suspended","status":"True"}]""", false, "Suspended")]
    [InlineData("""[{"type":"Suspended","status":"True"}]""", true, "Terminating")]
    [InlineData("""[{"type":"Complete","status":"False"}]""", false, "Running")]
    [InlineData("""[{"type":"FailureTarget","status":"True"}]""", false, "FailureTarget")]
    public void Job_status_follows_kubectls_order(string conditions, bool deleting, string expected)
    {
        var meta = deleting ? """{"name":"j","deletionTimestamp":"2026-11-22T01:00:00Z"}""" : """{"name":"j"}""";
        Assert.Equal(expected, JobRow.From(Parse($$$"""{"metadata":{{{meta}}},"spec":{},"status":{"conditions":{{{conditions}}}}}"""), Captured).Status);
    }

    [Fact]
    public void A_cron_job_has_its_schedule_in_words_and_its_next_run()
    {
        var row = CronJobRow.From(Item("demo-cronjobs", "settlement"), Captured, CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal(("*/30 * * * *", "Every 30 minutes", "<none>", "False", 0, "<none>"),
            (row.Schedule, row.ScheduleInWords, row.TimeZone, row.SuspendText, row.Active, row.LastScheduleText));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero), row.NextRun);
        Assert.Equal("90s", row.NextRunIn);
        Assert.Equal("每 30 分钟", CronJobRow.From(Item("demo-cronjobs", "settlement"), Captured, CultureInfo.GetCultureInfo("zh-CN")).ScheduleInWords);
    }

    [Fact]
    public void A_cron_job_in_a_time_zone_with_a_last_schedule_and_active_jobs()
    {
        var cj = Parse("""
            {"metadata":{"name":"report","namespace":"data","creationTimestamp":"2026-11-01T00:00:00Z"},
             "spec":{"schedule":"0 8 * * 1-5","timeZone":"Asia/Shanghai","suspend":false,"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"r","image":"report:1"}]}}}}},
             "status":{"active":[{"name":"report-29000000"}],"lastScheduleTime":"2026-11-20T00:00:00Z","lastSuccessfulTime":"2026-11-19T00:05:00Z"}}
            """);
        var row = CronJobRow.From(cj, Captured, CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal(("Asia/Shanghai", 1, "2d1h", RowHealth.Progressing), (row.TimeZone, row.Active, row.LastScheduleText, row.Health));
        Assert.Equal("At 08:00, on Monday through Friday", row.ScheduleInWords);
        // Sunday 01:58 UTC is Sunday 09:58 in Shanghai: the next weekday 08:00 there is Monday 00:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8)), row.NextRun);
        Assert.Equal(("r", "report:1"), (row.Containers, row.Images));
    }

    [Fact]
    public void A_suspended_cron_job_has_no_next_run()
    {
        var cj = Item("demo-cronjobs", "postgres-backup");
        cj.Json["spec"]!["suspend"] = true;
        var row = CronJobRow.From(cj, Captured);
        Assert.Equal(("True", (DateTimeOffset?)null, RowHealth.Progressing), (row.SuspendText, row.NextRun, row.Health));
    }

    [Fact]
    public void A_cron_job_with_a_bad_schedule_or_zone_says_why()
    {
        var bad = Parse("""{"metadata":{"name":"x"},"spec":{"schedule":"61 * * * *"}}""");
        var row = CronJobRow.From(bad, Captured, CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal(("Invalid schedule: end of range (61) above maximum (59): 61", false, RowHealth.Failed), (row.ScheduleInWords, row.ScheduleValid, row.Health));
        var zone = Parse("""{"metadata":{"name":"x"},"spec":{"schedule":"0 * * * *","timeZone":"Mars/Olympus"}}""");
        Assert.Equal("Unknown time zone: Mars/Olympus", CronJobRow.From(zone, Captured, CultureInfo.GetCultureInfo("en-US")).ScheduleInWords);
        Assert.Null(CronJobRow.From(zone, Captured).NextRun);
    }
}

public sealed class ProjectionsOwnedJobsTests
{
    [Fact]
    public void A_cron_jobs_jobs_are_the_ones_it_controls_newest_first()
    {
        var cj = ProjectionFixtures.Parse("""{"metadata":{"name":"backup","namespace":"data","uid":"cj-1"}}""");
        static KubeObject Job(string name, string ns, string owner, string start) => ProjectionFixtures.Parse($$$"""
            {"metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","ownerReferences":[{"apiVersion":"batch/v1","kind":"CronJob","name":"backup","uid":"{{{owner}}}","controller":true}]},
             "spec":{"completions":1},"status":{"startTime":"{{{start}}}","succeeded":1,"completionTime":"{{{start}}}"}}
            """);
        var jobs = new[]
        {
            Job("backup-1", "data", "cj-1", "2026-11-20T03:00:00Z"),
            Job("backup-2", "data", "cj-1", "2026-11-21T03:00:00Z"),
            Job("other", "data", "cj-2", "2026-11-21T04:00:00Z"),
            Job("backup-x", "shop", "cj-1", "2026-11-21T05:00:00Z"),
        };
        var rows = Dashboard.Core.Projections.Details.OwnedJobs.Of(cj, jobs, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(["backup-2", "backup-1"], rows.Select(r => r.Name));
        Assert.Equal("1/1", rows[0].Completions);
    }
}
