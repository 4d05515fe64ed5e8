namespace Dashboard.Kubernetes.Emulator.Tests.Workloads;

public sealed class CronJobKubectlTests(WorkloadFixture fx) : IClassFixture<WorkloadFixture>
{
    [Fact]
    public async Task CronJob_creates_a_job_when_the_clock_reaches_its_schedule()
    {
        await fx.Create("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: tick}
            spec:
              schedule: "*/5 * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - {name: main, image: busybox, command: [sh, -c, date], env: [{name: EMULATOR_RUN_SECONDS, value: "1"}]}
            """);
        var defaults = await fx.Out("get", "cj", "tick", "-o", "jsonpath={.spec.concurrencyPolicy} {.spec.suspend} {.spec.successfulJobsHistoryLimit} {.spec.failedJobsHistoryLimit}");
        Assert.Equal("Allow false 3 1", defaults);
        Assert.Equal("", await fx.Out("get", "jobs", "-o", "name"));

        var clock = fx.Emulator.Context.Clock;
        var now = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(5));
        var expected = now.AddMinutes(5);
        var scheduled = new DateTimeOffset(expected.Year, expected.Month, expected.Day, expected.Hour, expected.Minute / 5 * 5, 0, TimeSpan.Zero);
        var name = $"tick-{scheduled.ToUnixTimeSeconds() / 60}";
        await fx.WaitFor("job.batch/" + name, "get", "jobs", "-o", "name");
        Assert.Equal("tick", await fx.Out("get", "job", name, "-o", "jsonpath={.metadata.ownerReferences[0].name}"));
        Assert.Equal(Api.Json.Time(scheduled), await fx.Out("get", "cj", "tick", "-o", "jsonpath={.status.lastScheduleTime}"));
        (await fx.Kubectl("wait", "--for=condition=complete", "job/" + name, "--timeout=60s")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await fx.Out("get", "cj", "tick", "-o", "jsonpath={.status.lastSuccessfulTime}")).Length > 0, "lastSuccessfulTime");

        (await fx.Kubectl("patch", "cronjob", "tick", "-p", "{\"spec\":{\"suspend\":true}}")).EnsureSuccess();
        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(500);
        Assert.Equal("job.batch/" + name, await fx.Out("get", "jobs", "-o", "name"));
    }

    [Fact]
    public async Task Invalid_schedule_is_rejected_with_the_parser_message()
    {
        var r = await fx.Run(fx.KubeconfigPath, """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: bad}
            spec:
              schedule: "every minute"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: busybox}]
            """, null, "create", "-f", "-", "--validate=false");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found 2: every minute", r.Stderr);
    }
}
