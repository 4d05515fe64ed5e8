using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The failure modes the pod spec provokes (shared conventions), as kubectl sees them in pod status and events.</summary>
public sealed class PodFailureModeTests(NodesFixture fx) : IClassFixture<NodesFixture>
{
    private async Task Create(string yaml) =>
        (await fx.Run(fx.KubeconfigPath, yaml, null, "create", "--validate=false", "-f", "-")).EnsureSuccess();

    private async Task<JsonObject> WaitFor(string pod, Func<JsonObject, bool> condition, string what)
    {
        JsonObject last = new();
        await EmulatorFixture.Eventually(async () =>
        {
            last = await fx.GetJson("get", "pod", pod);
            return condition(last);
        }, $"{pod}: {what}");
        return last;
    }

    private async Task<string> Events(string pod) =>
        (await fx.Kubectl("get", "events", "--field-selector", $"involvedObject.name={pod}", "-o", "json")).EnsureSuccess().Stdout;

    private static JsonObject Container(JsonObject pod, int i = 0) => pod.Items("status.containerStatuses").ElementAt(i);

    [Fact]
    public async Task Unpullable_image_goes_to_ImagePullBackOff()
    {
        (await fx.Kubectl("run", "badimage", "--image=nginx:doesnotexist")).EnsureSuccess();
        var pod = await WaitFor("badimage", p => Container(p).Str("state.waiting.reason") == "ImagePullBackOff", "ImagePullBackOff");
        Assert.Equal("Pending", pod.Str("status.phase"));
        Assert.Contains("Back-off pulling image \"nginx:doesnotexist\"", Container(pod).Str("state.waiting.message"));
        var events = await Events("badimage");
        Assert.Contains("Error: ErrImagePull", events);
        Assert.Contains("Failed to pull image \\\"nginx:doesnotexist\\\"", events);
        Assert.Contains("\"reason\": \"BackOff\"", events);
    }

    [Fact]
    public async Task Container_that_exits_goes_to_CrashLoopBackOff_with_last_state()
    {
        (await fx.Kubectl("run", "crasher", "--image=busybox:1.36", "--command", "--", "sh", "-c", "sleep 1; exit 3")).EnsureSuccess();
        var pod = await WaitFor("crasher", p => Container(p).Str("state.waiting.reason") == "CrashLoopBackOff", "CrashLoopBackOff");
        var c = Container(pod);
        Assert.Equal("Running", pod.Str("status.phase"));
        Assert.Equal(3, c.Int("lastState.terminated.exitCode"));
        Assert.Equal("Error", c.Str("lastState.terminated.reason"));
        Assert.True(c.Int("restartCount") >= 1);
        Assert.StartsWith("back-off 10s restarting failed container=crasher pod=crasher_default(", c.Str("state.waiting.message"));
        Assert.Contains("Back-off restarting failed container crasher in pod crasher_default", await Events("crasher"));
    }

    [Fact]
    public async Task Memory_use_over_the_limit_is_OOMKilled()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: hog}
            spec:
              containers:
              - name: hog
                image: python:3.12
                env: [{name: EMULATOR_MEMORY_USAGE, value: 600Mi}]
                resources: {limits: {memory: 512Mi, cpu: 200m}}
            """);
        var pod = await WaitFor("hog", p => Container(p).Str("lastState.terminated.reason") == "OOMKilled", "OOMKilled");
        Assert.Equal(137, Container(pod).Int("lastState.terminated.exitCode"));
        Assert.Equal("Guaranteed", pod.Str("status.qosClass"));
    }

    [Fact]
    public async Task Failing_readiness_probe_keeps_the_pod_unready_and_failing_liveness_restarts_it()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: probes}
            spec:
              containers:
              - name: unready
                image: nginx:1.27
                readinessProbe: {httpGet: {path: /fail, port: 80}, periodSeconds: 2}
              - name: dying
                image: nginx:1.27
                livenessProbe: {exec: {command: ["sh", "-c", "exit 1"]}, periodSeconds: 2, failureThreshold: 2}
            """);
        var pod = await WaitFor("probes", p => Container(p, 1).Int("restartCount") >= 1, "liveness restart");
        Assert.Equal("Running", pod.Str("status.phase"));
        Assert.False(Container(pod).Bool("ready"));
        Assert.Equal("False", pod.Items("status.conditions").Single(c => c.Str("type") == "Ready").Str("status"));
        Assert.StartsWith("containers with unready status: [unready", pod.Items("status.conditions").Single(c => c.Str("type") == "Ready").Str("message"));
        var events = await Events("probes");
        Assert.Contains("Readiness probe failed: HTTP probe failed with statuscode: 500", events);
        Assert.Contains("Container dying failed liveness probe, will be restarted", events);
    }

    [Fact]
    public async Task Run_to_completion_pods_succeed_or_fail()
    {
        (await fx.Kubectl("run", "once", "--image=busybox:1.36", "--restart=Never", "--env=EMULATOR_RUN_SECONDS=1")).EnsureSuccess();
        (await fx.Kubectl("run", "oncefail", "--image=busybox:1.36", "--restart=Never", "--command", "--", "sh", "-c", "exit 2")).EnsureSuccess();
        var ok = await WaitFor("once", p => p.Str("status.phase") == "Succeeded", "Succeeded");
        Assert.Equal("Completed", Container(ok).Str("state.terminated.reason"));
        Assert.Equal("PodCompleted", ok.Items("status.conditions").Single(c => c.Str("type") == "Ready").Str("reason"));
        var failed = await WaitFor("oncefail", p => p.Str("status.phase") == "Failed", "Failed");
        Assert.Equal(2, Container(failed).Int("state.terminated.exitCode"));
        Assert.Equal(0, Container(failed).Int("restartCount"));
    }

    [Fact]
    public async Task Missing_configmap_blocks_the_container_until_it_appears()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: needsconfig}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                env: [{name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}]
            """);
        var pod = await WaitFor("needsconfig", p => Container(p).Str("state.waiting.reason") == "CreateContainerConfigError", "CreateContainerConfigError");
        Assert.Equal("configmap \"app-config\" not found", Container(pod).Str("state.waiting.message"));
        await Create("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-config}
            data: {mode: fast}
            """);
        await WaitFor("needsconfig", p => p.Str("status.phase") == "Running", "Running after the ConfigMap appears");
    }

    [Fact]
    public async Task Missing_secret_volume_leaves_the_pod_ContainerCreating_with_FailedMount()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: needssecret}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                volumeMounts: [{name: creds, mountPath: /creds, readOnly: true}]
              volumes:
              - name: creds
                secret: {secretName: db-creds}
            """);
        await EmulatorFixture.Eventually(async () => (await Events("needssecret")).Contains("FailedMount", StringComparison.Ordinal), "FailedMount");
        var pod = await fx.GetJson("get", "pod", "needssecret");
        Assert.Equal("ContainerCreating", Container(pod).Str("state.waiting.reason"));
        Assert.Contains("MountVolume.SetUp failed for volume \\\"creds\\\" : secret \\\"db-creds\\\" not found", await Events("needssecret"));
    }

    [Fact]
    public async Task Init_containers_run_in_order_before_the_app()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: withinit}
            spec:
              initContainers:
              - {name: first, image: busybox:1.36, env: [{name: EMULATOR_RUN_SECONDS, value: "40"}]}
              - {name: second, image: busybox:1.36}
              containers:
              - {name: app, image: nginx:1.27, resources: {requests: {cpu: 100m}}}
            """);
        var early = await WaitFor("withinit", p => p.Items("status.initContainerStatuses").FirstOrDefault()?.Bool("started") == true, "first init running");
        Assert.Equal("Pending", early.Str("status.phase"));
        Assert.Equal("PodInitializing", early.Items("status.initContainerStatuses").ElementAt(1).Str("state.waiting.reason"));
        Assert.Equal("PodInitializing", Container(early).Str("state.waiting.reason"));
        Assert.Equal("containers with incomplete status: [first second]",
            early.Items("status.conditions").Single(c => c.Str("type") == "Initialized").Str("message"));
        var pod = await WaitFor("withinit", p => p.Str("status.phase") == "Running", "Running");
        Assert.All(pod.Items("status.initContainerStatuses"), c => Assert.Equal("Completed", c.Str("state.terminated.reason")));
        Assert.Equal("Burstable", pod.Str("status.qosClass"));
        Assert.Equal("True", pod.Items("status.conditions").Single(c => c.Str("type") == "Initialized").Str("status"));
    }

    [Fact]
    public async Task Kubectl_delete_waits_for_graceful_termination_and_finishes_quickly()
    {
        (await fx.Kubectl("run", "shortlived", "--image=nginx:1.27")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Ready", "pod/shortlived", "--timeout=30s")).EnsureSuccess();
        var started = DateTime.UtcNow;
        var r = (await fx.Kubectl("delete", "pod", "shortlived")).EnsureSuccess();
        Assert.Contains("pod \"shortlived\" deleted", r.Stdout);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        var get = await fx.Kubectl("get", "pod", "shortlived");
        Assert.Contains("NotFound", get.Stderr);
        Assert.Contains("Stopping container shortlived", await Events("shortlived"));
    }

    [Fact]
    public async Task Kubectl_get_pods_shows_each_failure_in_the_STATUS_column()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: st-pull}
            spec: {containers: [{name: app, image: registry.invalid/shop/api:v1}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: st-crash}
            spec: {containers: [{name: app, image: busybox:1.36, command: [sh, -c, "sleep 1; exit 1"]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: st-done}
            spec: {restartPolicy: Never, containers: [{name: app, image: busybox:1.36}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: st-config}
            spec: {containers: [{name: app, image: nginx:1.27, envFrom: [{secretRef: {name: nope}}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: st-init}
            spec:
              initContainers:
              - {name: wait, image: busybox:1.36, env: [{name: EMULATOR_RUN_SECONDS, value: "600"}]}
              - {name: migrate, image: busybox:1.36}
              containers: [{name: app, image: nginx:1.27}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: st-unready}
            spec: {containers: [{name: app, image: nginx:1.27, readinessProbe: {httpGet: {path: /fail/health, port: 80}}}]}
            """);
        var expected = new Dictionary<string, string>
        {
            ["st-pull"] = "ImagePullBackOff",
            ["st-crash"] = "CrashLoopBackOff",
            ["st-done"] = "Completed",
            ["st-config"] = "CreateContainerConfigError",
            ["st-init"] = "Init:0/2",
            ["st-unready"] = "Running",
        };
        var table = "";
        await EmulatorFixture.Eventually(async () =>
        {
            table = (await fx.Kubectl("get", "pods", "--no-headers")).EnsureSuccess().Stdout;
            var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToDictionary(c => c[0], c => c);
            return expected.All(e => rows.TryGetValue(e.Key, out var r) && r[2] == e.Value);
        }, "every STATUS");
        Assert.Matches(@"st-unready\s+0/1\s+Running", table);
        Assert.Matches(@"st-crash\s+0/1\s+CrashLoopBackOff\s+\d+ \(", table);
    }

    [Fact]
    public async Task Fixing_the_image_of_a_pod_in_ImagePullBackOff_lets_it_start()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: fixme}
            spec: {containers: [{name: app, image: nginx:doesnotexist}]}
            """);
        await WaitFor("fixme", p => Container(p).Str("state.waiting.reason") is "ImagePullBackOff" or "ErrImagePull", "pull failure");
        (await fx.Kubectl("set", "image", "pod/fixme", "app=nginx:1.27")).EnsureSuccess();
        var pod = await WaitFor("fixme", p => Container(p).Bool("ready") == true, "ready after the fix");
        Assert.Equal("docker.io/library/nginx:1.27", Container(pod).Str("image"));
        Assert.Equal("Running", pod.Str("status.phase"));
    }

    [Fact]
    public async Task Sidecar_init_containers_keep_running_beside_the_app()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: withsidecar}
            spec:
              initContainers:
              - {name: proxy, image: envoyproxy/envoy:v1.31.0, restartPolicy: Always}
              containers:
              - {name: app, image: nginx:1.27}
            """);
        var pod = await WaitFor("withsidecar", p => p.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True"), "Ready");
        var sidecar = pod.Items("status.initContainerStatuses").Single();
        Assert.NotNull(sidecar.Str("state.running.startedAt"));
        Assert.True(sidecar.Bool("ready"));
        Assert.True(sidecar.Bool("started"));
        Assert.Equal("docker.io/envoyproxy/envoy:v1.31.0", sidecar.Str("image"));
    }
}
