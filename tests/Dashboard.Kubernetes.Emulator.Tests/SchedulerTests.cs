using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>The scheduler as kubectl sees it: placement by requests, selectors and taints; FailedScheduling; binding.</summary>
public sealed class SchedulerTests(NodesFixture fx) : IClassFixture<NodesFixture>
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

    [Fact]
    public async Task Pod_too_big_for_any_node_is_unschedulable_until_a_node_with_room_appears()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: huge, namespace: default}
            spec:
              containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: "6"}}}]
            """);
        const string message = "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. " +
            "preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.";
        var pod = await WaitFor("huge", p => p.Items("status.conditions").Any(c => c.Str("type") == "PodScheduled"), "PodScheduled condition");
        var scheduled = pod.Items("status.conditions").Single(c => c.Str("type") == "PodScheduled");
        Assert.Equal("False", scheduled.Str("status"));
        Assert.Equal("Unschedulable", scheduled.Str("reason"));
        Assert.Equal(message, scheduled.Str("message"));
        Assert.Equal("Pending", pod.Str("status.phase") ?? "Pending");

        var events = (await fx.Kubectl("get", "events", "--field-selector", "involvedObject.name=huge,reason=FailedScheduling", "-o", "json")).EnsureSuccess().Stdout;
        Assert.Contains(message, events);
        Assert.Contains("\"type\": \"Warning\"", events);

        // A node with room makes the scheduler try again at once (event-driven, no resync needed).
        fx.Emulator.Context.Api.Create(fx.Emulator.Context.Type("", "nodes"), "", NodeTemplate.Create("big-1", "8", "32Gi", index: 9), UserInfo.System);
        var placed = await WaitFor("huge", p => p.Str("status.phase") == "Running", "Running on the new node");
        Assert.Equal("big-1", placed.Str("spec.nodeName"));
    }

    [Fact]
    public async Task Node_selector_and_tolerations_steer_pods_and_requests_spread_them()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: on-cp}
            spec:
              nodeSelector: {node-role.kubernetes.io/control-plane: ""}
              tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
              containers: [{name: app, image: nginx:1.27}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: no-toleration}
            spec:
              nodeSelector: {node-role.kubernetes.io/control-plane: ""}
              containers: [{name: app, image: nginx:1.27}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: by-affinity}
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchFields: [{key: metadata.name, operator: In, values: [worker-2]}]
              containers: [{name: app, image: nginx:1.27}]
            """);
        Assert.Equal("control-plane", (await WaitFor("on-cp", p => p.Str("spec.nodeName") is not null, "bound")).Str("spec.nodeName"));
        Assert.Equal("worker-2", (await WaitFor("by-affinity", p => p.Str("spec.nodeName") is not null, "bound")).Str("spec.nodeName"));
        var stuck = await WaitFor("no-toleration", p => p.Items("status.conditions").Any(), "condition");
        Assert.StartsWith("0/", stuck.Items("status.conditions").Single().Str("message"));
        Assert.Contains("1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", stuck.Items("status.conditions").Single().Str("message"));
        Assert.Contains("node(s) didn't match Pod's node affinity/selector", stuck.Items("status.conditions").Single().Str("message"));
    }

    [Fact]
    public async Task Least_allocated_scoring_spreads_pods_with_requests_across_workers()
    {
        for (var i = 0; i < 6; i++)
            await Create($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: spread-{{i}}
                  labels: {app: spread}
                spec:
                  nodeSelector: {kubernetes.io/os: linux}
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                        - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [worker-1, worker-2, worker-3]}]
                  containers:
                  - name: app
                    image: nginx:1.27
                    resources:
                      requests: {cpu: 300m, memory: 256Mi}
                """);
        Dictionary<string, int> perNode = [];
        await EmulatorFixture.Eventually(async () =>
        {
            var list = await fx.GetJson("get", "pods", "-l", "app=spread");
            var nodes = list.Items("items").Select(p => p.Str("spec.nodeName")).ToList();
            perNode = nodes.Where(n => n is not null).GroupBy(n => n!).ToDictionary(g => g.Key, g => g.Count());
            return nodes.All(n => n is not null);
        }, "all spread pods bound");
        Assert.Equal(3, perNode.Count);
        Assert.All(perNode.Values, n => Assert.Equal(2, n));
    }

    [Fact]
    public async Task Binding_subresource_assigns_pods_of_another_scheduler()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: custom}
            spec:
              schedulerName: my-scheduler
              containers: [{name: app, image: nginx:1.27}]
            """);
        await Task.Delay(300);
        Assert.Null((await fx.GetJson("get", "pod", "custom")).Str("spec.nodeName"));
        const string binding = """{"apiVersion":"v1","kind":"Binding","metadata":{"name":"custom"},"target":{"apiVersion":"v1","kind":"Node","name":"worker-3"}}""";
        var r = (await fx.Run(fx.KubeconfigPath, binding, null, "create", "--raw", "/api/v1/namespaces/default/pods/custom/binding", "-f", "-")).EnsureSuccess();
        Assert.Contains("\"status\":\"Success\"", r.Stdout);
        var pod = await WaitFor("custom", p => p.Str("status.phase") == "Running", "Running");
        Assert.Equal("worker-3", pod.Str("spec.nodeName"));

        var again = await fx.Run(fx.KubeconfigPath, binding, null, "create", "--raw", "/api/v1/namespaces/default/pods/custom/binding", "-f", "-");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("pod custom is already assigned to node \"worker-3\"", again.Stderr);
    }

    [Fact]
    public async Task Pods_with_missing_or_unbound_claims_are_rejected_before_filtering()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: with-claim}
            spec:
              containers: [{name: app, image: nginx:1.27, volumeMounts: [{name: data, mountPath: /data}]}]
              volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
            """);
        string Message(JsonObject p) => p.Items("status.conditions").SingleOrDefault(c => c.Str("type") == "PodScheduled")?.Str("message") ?? "";
        var pod = await WaitFor("with-claim", p => Message(p).Length > 0, "unschedulable");
        Assert.Matches(@"^0/(\d) nodes are available: persistentvolumeclaim ""data"" not found\. preemption: 0/\1 nodes are available: \1 Preemption is not helpful for scheduling\.$", Message(pod));

        await Create("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data}
            spec:
              storageClassName: ""
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """);
        pod = await WaitFor("with-claim", p => Message(p).Contains("unbound", StringComparison.Ordinal), "unbound claim message");
        Assert.Matches(@"^0/\d nodes are available: pod has unbound immediate PersistentVolumeClaims\. preemption: ", Message(pod));
    }

    [Fact]
    public async Task Required_pod_anti_affinity_puts_one_replica_per_node()
    {
        for (var i = 0; i < 4; i++)
            await Create($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: solo-{{i}}
                  labels: {app: solo}
                spec:
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                        - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [worker-1, worker-2, worker-3]}]
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                      - labelSelector:
                          matchLabels: {app: solo}
                        topologyKey: kubernetes.io/hostname
                  containers: [{name: app, image: nginx:1.27}]
                """);
        JsonObject list = new();
        await EmulatorFixture.Eventually(async () =>
        {
            list = await fx.GetJson("get", "pods", "-l", "app=solo");
            return list.Items("items").Count(p => p.Str("spec.nodeName") is not null) == 3
                && list.Items("items").Any(p => p.Items("status.conditions").Any(c => c.Str("reason") == "Unschedulable"));
        }, "three placed, one unschedulable");
        var nodes = list.Items("items").Select(p => p.Str("spec.nodeName")).OfType<string>().ToList();
        Assert.Equal(3, nodes.Distinct().Count());
        var message = list.Items("items").SelectMany(p => p.Items("status.conditions")).Single(c => c.Str("reason") == "Unschedulable").Str("message");
        Assert.Contains(", 3 node(s) didn't match pod anti-affinity rules. preemption: ", message);
    }
}
