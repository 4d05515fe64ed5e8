using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests;

public sealed class KubeletLifecycleTests(NodesFixture fx) : IClassFixture<NodesFixture>
{
    [Fact]
    public async Task A_pod_is_scheduled_and_becomes_ready_with_a_full_status()
    {
        // An image no other test of this fixture uses: otherwise the node already has it and there is no Pulling event.
        (await fx.Kubectl("run", "web", "--image=nginx:1.27.3-lifecycle", "--labels=app=web")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Ready", "pod/web", "--timeout=30s")).EnsureSuccess();

        var pod = await fx.GetJson("get", "pod", "web");
        Assert.Equal("Running", pod.Str("status.phase"));
        Assert.Contains(pod.Str("spec.nodeName"), NodesFixture.Workers);
        Assert.StartsWith("10.24", pod.Str("status.podIP"));
        Assert.StartsWith("172.18.", pod.Str("status.hostIP"));
        Assert.NotNull(pod.Str("status.startTime"));
        Assert.Equal("BestEffort", pod.Str("status.qosClass"));
        var types = pod.Items("status.conditions").Select(c => c.Str("type") + "=" + c.Str("status")).ToList();
        Assert.Equal(["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"], types);
        var cs = pod.Items("status.containerStatuses").Single();
        Assert.Equal("docker.io/library/nginx:1.27.3-lifecycle", cs.Str("image"));
        Assert.StartsWith("docker.io/library/nginx@sha256:", cs.Str("imageID"));
        Assert.StartsWith("containerd://", cs.Str("containerID"));
        Assert.True(cs.Bool("ready"));
        Assert.True(cs.Bool("started"));
        Assert.NotNull(cs.Str("state.running.startedAt"));

        var events = (await fx.Kubectl("get", "events", "--field-selector", "involvedObject.name=web", "-o", "json")).EnsureSuccess().Stdout;
        foreach (var reason in new[] { "Scheduled", "Pulling", "Pulled", "Created", "Started" })
            Assert.Contains($"\"reason\": \"{reason}\"", events);
        Assert.Contains($"Successfully assigned default/web to {pod.Str("spec.nodeName")}", events);
    }

    [Fact]
    public async Task Kubectl_debug_adds_an_ephemeral_container_that_starts()
    {
        (await fx.Kubectl("run", "target", "--image=nginx:1.27")).EnsureSuccess();
        (await fx.Kubectl("wait", "--for=condition=Ready", "pod/target", "--timeout=30s")).EnsureSuccess();
        (await fx.Kubectl("debug", "pod/target", "--image=busybox:1.36", "-c", "dbg", "--attach=false", "--", "sleep", "3600")).EnsureSuccess();
        JsonObject pod = new();
        await EmulatorFixture.Eventually(async () =>
        {
            pod = await fx.GetJson("get", "pod", "target");
            return pod.Items("status.ephemeralContainerStatuses").Any(c => c.At("state.running") is not null);
        }, "ephemeral container running");
        var dbg = pod.Items("status.ephemeralContainerStatuses").Single();
        Assert.Equal("dbg", dbg.Str("name"));
        Assert.Equal("docker.io/library/busybox:1.36", dbg.Str("image"));
        Assert.False(dbg.Bool("ready"));
        Assert.Equal("True", pod.Items("status.conditions").Single(c => c.Str("type") == "Ready").Str("status"));
        Assert.Contains("Started container dbg", (await fx.Kubectl("get", "events", "--field-selector", "involvedObject.name=target", "-o", "json")).Stdout);
    }

    [Fact]
    public async Task Pods_created_already_running_are_adopted_as_they_are_and_still_deleted_gracefully()
    {
        var ctx = fx.Emulator.Context;
        var pods = ctx.Type("", "pods");
        var created = ctx.Api.Create(pods, "default", (JsonObject)JsonNode.Parse("""
            {"metadata":{"name":"preexisting"},
             "spec":{"nodeName":"worker-1","containers":[{"name":"app","image":"nginx:1.27"}]},
             "status":{"phase":"Running","podIP":"10.244.1.200","hostIP":"172.18.0.3",
                       "conditions":[{"type":"Ready","status":"True"}],
                       "containerStatuses":[{"name":"app","ready":true,"restartCount":7,"image":"docker.io/library/nginx:1.27",
                                             "imageID":"","started":true,"state":{"running":{"startedAt":"2024-01-01T00:00:00Z"}}}]}}
            """)!, UserInfo.System);
        await Task.Delay(500);
        var after = ctx.Api.Get(pods, "default", "preexisting");
        Assert.Equal(created.Str("metadata.resourceVersion"), after.Str("metadata.resourceVersion"));
        Assert.Equal(7, after.Items("status.containerStatuses").Single().Int("restartCount"));

        (await fx.Kubectl("delete", "pod", "preexisting", "--timeout=20s")).EnsureSuccess();
        Assert.Null(ctx.Api.TryGet(pods, "default", "preexisting"));
    }
}
