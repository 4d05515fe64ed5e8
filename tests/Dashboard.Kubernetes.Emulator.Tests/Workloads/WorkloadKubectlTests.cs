using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests.Workloads;

public sealed class WorkloadKubectlTests(WorkloadFixture fx) : IClassFixture<WorkloadFixture>
{
    [Fact]
    public async Task Job_runs_to_completion_with_counts_conditions_and_labels()
    {
        await fx.Create("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: hello}
            spec:
              completions: 2
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - {name: main, image: busybox, command: [sh, -c, "echo hi"], env: [{name: EMULATOR_RUN_SECONDS, value: "1"}]}
            """);
        (await fx.Kubectl("wait", "--for=condition=complete", "job/hello", "--timeout=60s")).EnsureSuccess();
        var job = await fx.Out("get", "job", "hello", "-o", "jsonpath={.status.succeeded} {.spec.backoffLimit} {.spec.completionMode} {.spec.parallelism} {.status.conditions[*].type} {.status.conditions[?(@.type==\"Complete\")].reason}");
        Assert.Equal("2 6 NonIndexed 1 SuccessCriteriaMet Complete CompletionsReached", job);
        Assert.NotEmpty(await fx.Out("get", "job", "hello", "-o", "jsonpath={.status.completionTime}"));
        var uid = await fx.Out("get", "job", "hello", "-o", "jsonpath={.metadata.uid}");
        var pods = await fx.Out("get", "pods", "-l", "job-name=hello", "-o", "jsonpath={range .items[*]}{.status.phase}/{.metadata.labels.batch\\.kubernetes\\.io/controller-uid}{\"\\n\"}{end}");
        Assert.Equal(["Succeeded/" + uid, "Succeeded/" + uid], pods.Split('\n'));
        var events = await fx.Out("get", "events", "--field-selector", "involvedObject.name=hello", "-o", "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}");
        Assert.Contains("Completed", events);
        Assert.Contains("SuccessfulCreate", events);
    }

    [Fact]
    public async Task Job_fails_after_its_backoff_limit()
    {
        await fx.Create("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: doomed}
            spec:
              backoffLimit: 1
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - {name: main, image: busybox, command: [sh, -c, "exit 1"], env: [{name: EMULATOR_RUN_SECONDS, value: "1"}]}
            """);
        (await fx.Kubectl("wait", "--for=condition=failed", "job/doomed", "--timeout=60s")).EnsureSuccess();
        var job = await fx.Out("get", "job", "doomed", "-o", "jsonpath={.status.failed} {.status.conditions[?(@.type==\"Failed\")].reason}");
        Assert.Equal("2 BackoffLimitExceeded", job);
    }

    [Fact]
    public async Task Finished_job_with_a_ttl_is_deleted_with_its_pods()
    {
        await fx.Create("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: brief}
            spec:
              ttlSecondsAfterFinished: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - {name: main, image: busybox, command: [sh, -c, "echo"], env: [{name: EMULATOR_RUN_SECONDS, value: "1"}]}
            """);
        await fx.WaitFor("", "get", "jobs", "--field-selector", "metadata.name=brief", "-o", "name");
        await fx.WaitFor("", "get", "pods", "-l", "job-name=brief", "-o", "name");
    }

    [Fact]
    public async Task Job_without_a_valid_restart_policy_is_rejected()
    {
        var r = await fx.Run(fx.KubeconfigPath, """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: always}
            spec:
              template:
                spec:
                  containers: [{name: main, image: busybox}]
            """, null, "create", "-f", "-", "--validate=false");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"", r.Stderr);
    }

    [Fact]
    public async Task StatefulSet_creates_pods_and_claims_in_order_scales_down_from_the_top_and_rolls()
    {
        var ctx = fx.Emulator.Context;
        var added = new List<(string Name, bool PreviousReady)>();
        using var watch = ctx.Store.Watch(ctx.Type("", "pods"), "default", ctx.Store.CurrentResourceVersion);
        await fx.Create("""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: local-wait}
            provisioner: kubernetes.io/no-provisioner
            volumeBindingMode: WaitForFirstConsumer
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              replicas: 3
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: main, image: "postgres:16"}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: local-wait
                  resources: {requests: {storage: 1Gi}}
            """);
        // The partition is defaulted to 0, so kubectl reports a partitioned roll out, as against a real cluster.
        Assert.Contains("partitioned roll out complete: 3 new pods have been updated", await fx.Out("rollout", "status", "statefulset/db", "--timeout=60s"));
        var ready = new HashSet<string>();
        while (watch.Events.TryRead(out var e))
        {
            var pod = e.Object.ToJson();
            if (!pod.Name().StartsWith("db-", StringComparison.Ordinal)) continue;
            if (e.Type == Storage.WatchEventType.Added)
            {
                var ordinal = int.Parse(pod.Name()[3..], System.Globalization.CultureInfo.InvariantCulture);
                added.Add((pod.Name(), ordinal == 0 || ready.Contains($"db-{ordinal - 1}")));
            }
            if (pod.Items("status.conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True")) ready.Add(pod.Name());
        }
        Assert.Equal(["db-0", "db-1", "db-2"], added.Select(a => a.Name));
        Assert.All(added, a => Assert.True(a.PreviousReady, $"{a.Name} was created before its predecessor was Ready"));

        Assert.Equal("data-db-0 data-db-1 data-db-2", await fx.Out("get", "pvc", "-l", "app=db", "-o", "jsonpath={.items[*].metadata.name}"));
        Assert.Equal("data-db-1", await fx.Out("get", "pod", "db-1", "-o", "jsonpath={.spec.volumes[?(@.name==\"data\")].persistentVolumeClaim.claimName}"));
        Assert.Equal("db-1 db 1", await fx.Out("get", "pod", "db-1", "-o", "jsonpath={.spec.hostname} {.spec.subdomain} {.metadata.labels.apps\\.kubernetes\\.io/pod-index}"));

        (await fx.Kubectl("set", "image", "statefulset/db", "main=postgres:17")).EnsureSuccess();
        Assert.Contains("partitioned roll out complete: 3 new pods have been updated", await fx.Out("rollout", "status", "statefulset/db", "--timeout=60s"));
        await EmulatorFixture.Eventually(async () =>
            (await fx.Out("get", "sts", "db", "-o", "jsonpath={.status.currentRevision}")) == await fx.Out("get", "sts", "db", "-o", "jsonpath={.status.updateRevision}"),
            "currentRevision to catch up with updateRevision");
        Assert.Equal("postgres:17 postgres:17 postgres:17", await fx.Out("get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].spec.containers[0].image}"));
        var status = await fx.Out("get", "sts", "db", "-o", "jsonpath={.status.currentRevision} {.status.updateRevision} {.status.updatedReplicas} {.status.readyReplicas}");
        var parts = status.Split(' ');
        Assert.Equal(parts[0], parts[1]);
        Assert.Equal("3 3", $"{parts[2]} {parts[3]}");
        Assert.Equal("1 2", await fx.Out("get", "controllerrevisions", "-l", "app=db", "--sort-by=.revision", "-o", "jsonpath={.items[*].revision}"));
        var history = await fx.Out("rollout", "history", "statefulset/db");
        Assert.Matches(@"(?m)^2\s", history);

        (await fx.Kubectl("scale", "statefulset/db", "--replicas=1")).EnsureSuccess();
        await fx.WaitFor("db-0", "get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].metadata.name}");
        var deletes = await fx.Out("get", "events", "--field-selector", "involvedObject.name=db,reason=SuccessfulDelete", "--sort-by=.metadata.creationTimestamp", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}");
        Assert.Contains("delete Pod db-2 in StatefulSet db successful", deletes);
        Assert.Equal("data-db-0 data-db-1 data-db-2", await fx.Out("get", "pvc", "-l", "app=db", "-o", "jsonpath={.items[*].metadata.name}"));
    }

    [Fact]
    public async Task DaemonSet_runs_one_pod_per_eligible_node_and_follows_new_nodes()
    {
        await fx.Create("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: main, image: "fluentd:v1"}]
            """);
        Assert.Contains("successfully rolled out", await fx.Out("rollout", "status", "daemonset/agent", "--timeout=60s"));
        // The control plane's NoSchedule taint is not tolerated: only the three workers get a pod.
        var nodes = await fx.Out("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[*].spec.nodeName}");
        Assert.Equal(NodesFixture.Workers.Order(), nodes.Split(' ').Order());
        Assert.Equal("3 3 3 3", await fx.Out("get", "ds", "agent", "-o", "jsonpath={.status.desiredNumberScheduled} {.status.currentNumberScheduled} {.status.numberReady} {.status.updatedNumberScheduled}"));

        (await fx.Kubectl("cordon", "worker-1")).EnsureSuccess();
        await fx.Create("""
            apiVersion: v1
            kind: Node
            metadata:
              name: worker-9
              labels: {kubernetes.io/hostname: worker-9, kubernetes.io/os: linux}
            status:
              capacity: {cpu: "2", memory: 4Gi, pods: "110"}
              allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
              conditions: [{type: Ready, status: "True"}]
            """);
        await fx.WaitFor("4", "get", "ds", "agent", "-o", "jsonpath={.status.desiredNumberScheduled}");
        nodes = await fx.Out("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[*].spec.nodeName}");
        Assert.Contains("worker-9", nodes.Split(' '));
        Assert.Contains("worker-1", nodes.Split(' '));
        var tolerations = await fx.Out("get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[0].spec.tolerations[*].key}");
        Assert.Contains("node.kubernetes.io/unschedulable", tolerations);
        (await fx.Kubectl("uncordon", "worker-1")).EnsureSuccess();
    }

    [Fact]
    public async Task Delete_with_each_cascade_policy_has_the_real_effect()
    {
        foreach (var name in new[] { "del-bg", "del-fg", "del-or" })
            await fx.Create(DeploymentKubectlTests.Deployment(name, "nginx:1.25", 2));
        foreach (var name in new[] { "del-bg", "del-fg", "del-or" })
            await fx.Out("rollout", "status", "deployment/" + name, "--timeout=60s");

        (await fx.Kubectl("delete", "deployment", "del-fg", "--cascade=foreground")).EnsureSuccess();
        Assert.Equal("", await fx.Out("get", "rs", "-l", "app=del-fg", "-o", "name"));
        Assert.Equal("", await fx.Out("get", "pods", "-l", "app=del-fg", "-o", "name"));

        (await fx.Kubectl("delete", "deployment", "del-or", "--cascade=orphan")).EnsureSuccess();
        var rs = await fx.Out("get", "rs", "-l", "app=del-or", "-o", "jsonpath={.items[*].metadata.name}|{.items[*].metadata.ownerReferences}|{.items[*].spec.replicas}");
        Assert.Matches(@"^del-or-\w+\|\|2$", rs);
        Assert.Equal(2, (await fx.Out("get", "pods", "-l", "app=del-or", "-o", "name")).Split('\n').Length);

        (await fx.Kubectl("delete", "deployment", "del-bg", "--cascade=background")).EnsureSuccess();
        await fx.WaitFor("", "get", "rs", "-l", "app=del-bg", "-o", "name");
        await fx.WaitFor("", "get", "pods", "-l", "app=del-bg", "-o", "name");
    }

    [Fact]
    public async Task Garbage_collector_deletes_orphaned_dependents_and_drops_dangling_references()
    {
        await fx.Create("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: owner}
            """);
        var ownerUid = await fx.Out("get", "cm", "owner", "-o", "jsonpath={.metadata.uid}");
        await fx.Create($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ghost-child
              ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: ghost, uid: 00000000-0000-0000-0000-000000000000}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: two-parents
              ownerReferences:
              - {apiVersion: v1, kind: ConfigMap, name: ghost, uid: 00000000-0000-0000-0000-000000000000}
              - {apiVersion: v1, kind: ConfigMap, name: owner, uid: {{ownerUid}}}
            """);
        await fx.WaitFor("", "get", "cm", "--field-selector", "metadata.name=ghost-child", "-o", "name");
        await fx.WaitFor("owner", "get", "cm", "two-parents", "-o", "jsonpath={.metadata.ownerReferences[*].name}");

        (await fx.Kubectl("delete", "cm", "owner")).EnsureSuccess();
        await fx.WaitFor("", "get", "cm", "--field-selector", "metadata.name=two-parents", "-o", "name");
    }

    [Fact]
    public async Task ReplicaSet_reports_admission_failures_as_FailedCreate_events()
    {
        await fx.Create("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: gated}
            """);
        var admission = new DenyPods("gated");
        fx.Emulator.Context.Api.AddAdmission(admission);
        await fx.Create("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: blocked, namespace: gated}
            spec:
              replicas: 1
              selector: {matchLabels: {app: blocked}}
              template:
                metadata: {labels: {app: blocked}}
                spec:
                  containers: [{name: main, image: nginx}]
            """);
        await EmulatorFixture.Eventually(async () =>
            (await fx.Kubectl("get", "events", "-n", "gated", "--field-selector", "reason=FailedCreate", "-o", "jsonpath={.items[*].message}")).Stdout
                .Contains("Error creating: pods \"blocked-", StringComparison.Ordinal), "a FailedCreate event");
        Assert.Equal("FailedCreate", await fx.Out("get", "rs", "blocked", "-n", "gated", "-o", "jsonpath={.status.conditions[?(@.type==\"ReplicaFailure\")].reason}"));
        admission.Open = true;
        await fx.WaitFor("1", "get", "rs", "blocked", "-n", "gated", "-o", "jsonpath={.status.replicas}");
    }

    private sealed class DenyPods(string ns) : Registry.IAdmissionPlugin
    {
        public volatile bool Open;
        public int Order => 700;

        public void Admit(Registry.AdmissionRequest request)
        {
            if (Open || request.Type.Key != "pods" || request.Operation != Registry.AdmissionOperation.Create || request.Object.Namespace() != ns) return;
            throw ApiException.Forbidden($"pods \"{request.Object.Name()}\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0");
        }
    }
}
