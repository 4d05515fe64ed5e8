using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>cordon, uncordon, drain with a PodDisruptionBudget, evictions and node heartbeats, driven by kubectl.</summary>
public sealed class NodeMaintenanceTests(NodesFixture fx) : IClassFixture<NodesFixture>
{
    private async Task Create(string yaml) =>
        (await fx.Run(fx.KubeconfigPath, yaml, null, "create", "--validate=false", "-f", "-")).EnsureSuccess();

    private static bool HasTaint(JsonObject node, string key) => node.Items("spec.taints").Any(t => t.Str("key") == key);

    [Fact]
    public async Task Cordon_adds_the_unschedulable_taint_and_uncordon_removes_it()
    {
        var r = (await fx.Kubectl("cordon", "worker-3")).EnsureSuccess();
        Assert.Contains("node/worker-3 cordoned", r.Stdout);
        await EmulatorFixture.Eventually(async () => HasTaint(await fx.GetJson("get", "node", "worker-3"), "node.kubernetes.io/unschedulable"), "unschedulable taint");
        var node = await fx.GetJson("get", "node", "worker-3");
        Assert.True(node.Bool("spec.unschedulable"));
        var taint = node.Items("spec.taints").Single(t => t.Str("key") == "node.kubernetes.io/unschedulable");
        Assert.Equal("NoSchedule", taint.Str("effect"));
        Assert.NotNull(taint.Str("timeAdded"));

        r = (await fx.Kubectl("uncordon", "worker-3")).EnsureSuccess();
        Assert.Contains("node/worker-3 uncordoned", r.Stdout);
        await EmulatorFixture.Eventually(async () => !HasTaint(await fx.GetJson("get", "node", "worker-3"), "node.kubernetes.io/unschedulable"), "taint removed");
    }

    [Fact]
    public async Task Nodes_renew_their_leases()
    {
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "lease", "-n", "kube-node-lease", "worker-1")).ExitCode == 0, "lease");
        var lease = await fx.GetJson("get", "lease", "-n", "kube-node-lease", "worker-1");
        Assert.Equal("worker-1", lease.Str("spec.holderIdentity"));
        Assert.Equal(40, lease.Int("spec.leaseDurationSeconds"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", lease.Str("spec.renewTime"));
        Assert.Equal("Node", lease.Items("metadata.ownerReferences").Single().Str("kind"));
    }

    [Fact]
    public async Task Eviction_respects_the_disruption_budget()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: ev-a, labels: {app: ev}}
            spec: {containers: [{name: app, image: nginx:1.27}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: ev-b, labels: {app: ev}}
            spec: {containers: [{name: app, image: nginx:1.27}]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: ev-pdb}
            spec:
              minAvailable: 2
              selector: {matchLabels: {app: ev}}
            """);
        await EmulatorFixture.Eventually(async () =>
            (await fx.GetJson("get", "pdb", "ev-pdb")).Int("status.currentHealthy") == 2, "two healthy pods");
        var pdb = await fx.GetJson("get", "pdb", "ev-pdb");
        Assert.Equal(0, pdb.Int("status.disruptionsAllowed"));
        Assert.Equal(2, pdb.Int("status.desiredHealthy"));
        Assert.Equal(2, pdb.Int("status.expectedPods"));
        Assert.Equal(1, pdb.Int("status.observedGeneration"));
        var condition = pdb.Items("status.conditions").Single();
        Assert.Equal(("DisruptionAllowed", "False", "InsufficientPods"), (condition.Str("type"), condition.Str("status"), condition.Str("reason")));

        const string eviction = """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"ev-a","namespace":"default"}}""";
        var refused = await fx.Run(fx.KubeconfigPath, eviction, null, "create", "--raw", "/api/v1/namespaces/default/pods/ev-a/eviction", "-f", "-");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", refused.Stderr);
        Assert.Contains(fx.Emulator.Context.Requests.Entries, e => e.Path.EndsWith("/ev-a/eviction", StringComparison.Ordinal) && e.StatusCode == 429);

        (await fx.Kubectl("patch", "pdb", "ev-pdb", "--type=merge", "-p", """{"spec":{"minAvailable":1}}""")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await fx.GetJson("get", "pdb", "ev-pdb")).Int("status.disruptionsAllowed") == 1, "one disruption allowed");
        var ok = (await fx.Run(fx.KubeconfigPath, eviction, null, "create", "--raw", "/api/v1/namespaces/default/pods/ev-a/eviction", "-f", "-")).EnsureSuccess();
        Assert.Contains("\"status\":\"Success\"", ok.Stdout);
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "pod", "ev-a")).ExitCode != 0, "evicted pod gone");
        await EmulatorFixture.Eventually(async () => (await fx.GetJson("get", "pdb", "ev-pdb")).Int("status.disruptionsAllowed") == 0, "budget used up");
    }

    [Fact]
    public async Task Drain_evicts_pods_waits_on_the_budget_and_finishes_when_it_allows()
    {
        await Create("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: busybox:1.36}]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: guarded}
            spec:
              minAvailable: 1
              selector: {matchLabels: {app: guarded}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: guarded-a, labels: {app: guarded}}
            spec:
              nodeSelector: {kubernetes.io/hostname: worker-1}
              containers: [{name: app, image: nginx:1.27}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: guarded-b, labels: {app: guarded}}
            spec:
              nodeSelector: {kubernetes.io/hostname: worker-1}
              containers: [{name: app, image: nginx:1.27}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: scratch}
            spec:
              nodeName: worker-1
              containers: [{name: app, image: nginx:1.27, volumeMounts: [{name: tmp, mountPath: /tmp}]}]
              volumes: [{name: tmp, emptyDir: {}}]
            """);
        // The DaemonSet controller runs one agent per node; the one on worker-1 is what drain must leave alone.
        var agent = "";
        await EmulatorFixture.Eventually(async () =>
        {
            var pods = await fx.GetJson("get", "pods", "-l", "app=agent", "--field-selector", "spec.nodeName=worker-1");
            agent = pods.Items("items").Select(p => p.Name()).FirstOrDefault() ?? "";
            return agent.Length > 0;
        }, "the agent pod on worker-1");
        foreach (var pod in new[] { "guarded-a", "guarded-b", "scratch", agent })
            (await fx.Kubectl("wait", "--for=condition=Ready", $"pod/{pod}", "--timeout=30s")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await fx.GetJson("get", "pdb", "guarded")).Int("status.disruptionsAllowed") == 1, "budget allows one");

        var drain = fx.Kubectl("drain", "worker-1", "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=60s");
        // One guarded pod goes, the other is refused (429) until another healthy replica exists elsewhere.
        await EmulatorFixture.Eventually(() => Task.FromResult(fx.Emulator.Context.Requests.Entries.Any(e =>
            e.Path.EndsWith("/eviction", StringComparison.Ordinal) && e.StatusCode == 429)), "an eviction refused by the budget");
        Assert.False(drain.IsCompleted);
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: guarded-c, labels: {app: guarded}}
            spec: {containers: [{name: app, image: nginx:1.27}]}
            """);
        var r = (await drain).EnsureSuccess();
        Assert.Contains("node/worker-1 cordoned", r.Stdout);
        Assert.Contains("node/worker-1 drained", r.Stdout);
        Assert.Contains("evicting pod default/scratch", r.Stdout);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", r.Stderr);
        Assert.Contains($"ignoring DaemonSet-managed Pods: default/{agent}", r.Stderr);

        var left = await fx.GetJson("get", "pods", "--field-selector", "spec.nodeName=worker-1");
        Assert.Equal([agent], left.Items("items").Select(p => p.Name()).ToArray());
        Assert.NotEqual("worker-1", (await fx.GetJson("get", "pod", "guarded-c")).Str("spec.nodeName"));
        (await fx.Kubectl("uncordon", "worker-1")).EnsureSuccess();
    }

    private void SetReady(string node, string status)
    {
        var ctx = fx.Emulator.Context;
        var nodes = ctx.Type("", "nodes");
        var obj = ctx.Api.Get(nodes, "", node);
        var ready = obj.Items("status.conditions").Single(c => c.Str("type") == "Ready");
        ready["status"] = status;
        ready["reason"] = status == "True" ? "KubeletReady" : "KubeletNotReady";
        ctx.Api.Update(nodes, "", node, obj, UserInfo.System, new Registry.WriteOptions { Subresource = "status" });
    }

    [Fact]
    public async Task A_node_that_stops_being_ready_is_tainted_its_pods_turn_unready_and_its_kubelet_stops()
    {
        await Create("""
            apiVersion: v1
            kind: Pod
            metadata: {name: on-w2}
            spec: {nodeName: worker-2, containers: [{name: app, image: nginx:1.27}]}
            """);
        (await fx.Kubectl("wait", "--for=condition=Ready", "pod/on-w2", "--timeout=30s")).EnsureSuccess();
        SetReady("worker-2", "False");
        try
        {
            await EmulatorFixture.Eventually(async () =>
                (await fx.GetJson("get", "pod", "on-w2")).Items("status.conditions").Single(c => c.Str("type") == "Ready").Str("status") == "False",
                "pod marked not ready");
            var node = await fx.GetJson("get", "node", "worker-2");
            Assert.Contains(node.Items("spec.taints"), t => t.Str("key") == "node.kubernetes.io/not-ready" && t.Str("effect") == "NoSchedule");
            Assert.Contains(node.Items("spec.taints"), t => t.Str("key") == "node.kubernetes.io/not-ready" && t.Str("effect") == "NoExecute");
            var events = (await fx.Kubectl("get", "events", "--field-selector", "involvedObject.name=on-w2,reason=NodeNotReady", "-o", "name")).EnsureSuccess();
            Assert.NotEmpty(events.Stdout.Trim());

            await Create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: stuck-w2}
                spec: {nodeName: worker-2, containers: [{name: app, image: nginx:1.27}]}
                """);
            await Task.Delay(500);
            Assert.Null((await fx.GetJson("get", "pod", "stuck-w2")).At("status.containerStatuses"));
        }
        finally
        {
            SetReady("worker-2", "True");
        }
        (await fx.Kubectl("wait", "--for=condition=Ready", "pod/stuck-w2", "pod/on-w2", "--timeout=30s")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => !(await fx.GetJson("get", "node", "worker-2")).Items("spec.taints").Any(), "taints removed");
    }
}
