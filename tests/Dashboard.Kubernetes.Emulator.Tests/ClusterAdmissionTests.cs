using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Defaulting, validation, LimitRanger and ResourceQuota admission as kubectl sees them.</summary>
public sealed class ClusterAdmissionTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private Task<KubectlResult> Create(string yaml) => fx.Run(fx.KubeconfigPath, yaml, null, "create", "--validate=false", "-f", "-");

    private async Task Namespace(string name) =>
        (await Create($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n")).EnsureSuccess();

    [Fact]
    public async Task Invalid_names_and_labels_are_rejected_with_the_real_422_messages()
    {
        var pod = await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: app\n    image: nginx\n");
        Assert.NotEqual(0, pod.ExitCode);
        Assert.Contains(
            "The Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            pod.Stderr);

        var ns = await Create("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: my.ns\n");
        Assert.Contains("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'", ns.Stderr);

        var svc = await Create("apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports:\n  - port: 80\n");
        Assert.Contains("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character", svc.Stderr);

        var label = await Create("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    app: \"bad value!\"\n");
        Assert.Contains("metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters", label.Stderr);
    }

    [Fact]
    public async Task Pod_validation_reports_every_cause()
    {
        var r = await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: twins\nspec:\n  containers:\n  - name: app\n    image: nginx\n  - name: app\n");
        Assert.NotEqual(0, r.ExitCode);
        // kubectl prints a multi-cause 422 as one line per cause.
        Assert.Contains("The Pod \"twins\" is invalid: \n* spec.containers[1].name: Duplicate value: \"app\"\n* spec.containers[1].image: Required value", r.Stderr);

        var empty = await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: empty\nspec:\n  containers: []\n");
        Assert.Contains("spec.containers: Required value", empty.Stderr);
    }

    [Fact]
    public async Task Pods_and_templates_get_the_server_defaults()
    {
        (await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: defaults\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n  - name: side\n    image: busybox\n")).EnsureSuccess();
        var pod = JsonNode.Parse((await fx.Kubectl("get", "pod", "defaults", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        Assert.Equal("Always", pod.Str("spec.restartPolicy"));
        Assert.Equal("ClusterFirst", pod.Str("spec.dnsPolicy"));
        Assert.Equal("default-scheduler", pod.Str("spec.schedulerName"));
        Assert.Equal(30, pod.Int("spec.terminationGracePeriodSeconds"));
        Assert.Equal("default", pod.Str("spec.serviceAccountName"));
        Assert.Equal("default", pod.Str("spec.serviceAccount"));
        Assert.True(pod.Bool("spec.enableServiceLinks"));
        Assert.Equal(0, pod.Int("spec.priority"));
        Assert.Equal("Pending", pod.Str("status.phase"));
        Assert.Equal("BestEffort", pod.Str("status.qosClass"));
        var tolerations = pod.Items("spec.tolerations").ToList();
        Assert.Contains(tolerations, t => t.Str("key") == "node.kubernetes.io/not-ready" && t.Int("tolerationSeconds") == 300 && t.Str("effect") == "NoExecute");
        Assert.Contains(tolerations, t => t.Str("key") == "node.kubernetes.io/unreachable" && t.Str("operator") == "Exists");
        var containers = pod.Items("spec.containers").ToList();
        Assert.Equal("IfNotPresent", containers[0].Str("imagePullPolicy"));
        Assert.Equal("Always", containers[1].Str("imagePullPolicy"));
        Assert.Equal("/dev/termination-log", containers[0].Str("terminationMessagePath"));
        Assert.Equal("File", containers[0].Str("terminationMessagePolicy"));
        Assert.Equal("TCP", containers[0].Items("ports").Single().Str("protocol"));
        Assert.Contains(pod.Items("spec.volumes"), v => v.Name().Length == 0 && (v.Str("name") ?? "").StartsWith("kube-api-access-", StringComparison.Ordinal));

        (await Create("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tpl\nspec:\n  selector:\n    matchLabels: {app: tpl}\n  template:\n    metadata:\n      labels: {app: tpl}\n    spec:\n      containers:\n      - name: app\n        image: nginx:latest\n")).EnsureSuccess();
        var deploy = JsonNode.Parse((await fx.Kubectl("get", "deployment", "tpl", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        Assert.Equal("Always", deploy.Str("spec.template.spec.restartPolicy"));
        Assert.Equal("Always", deploy.Items("spec.template.spec.containers").Single().Str("imagePullPolicy"));
        Assert.NotNull(deploy.At("spec.template.spec.securityContext"));
        Assert.Null(deploy.At("spec.template.spec.serviceAccountName"));
    }

    [Fact]
    public async Task Services_get_a_cluster_ip_node_ports_and_conflicts_are_422()
    {
        await Namespace("svc-test");
        (await Create("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: svc-test\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n  - port: 80\n    nodePort: 30080\n")).EnsureSuccess();
        var svc = JsonNode.Parse((await fx.Kubectl("get", "svc", "web", "-n", "svc-test", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        var ip = svc.Str("spec.clusterIP")!;
        Assert.StartsWith("10.", ip, StringComparison.Ordinal);
        Assert.Equal(ip, svc.At("spec.clusterIPs")!.AsArray()[0]!.GetValue<string>());
        Assert.Equal("None", svc.Str("spec.sessionAffinity"));
        Assert.Equal("IPv4", svc.At("spec.ipFamilies")!.AsArray()[0]!.GetValue<string>());
        var port = svc.Items("spec.ports").Single();
        Assert.Equal("TCP", port.Str("protocol"));
        Assert.Equal(80, port.Int("targetPort"));
        Assert.Equal(30080, port.Int("nodePort"));

        var clash = await Create("apiVersion: v1\nkind: Service\nmetadata:\n  name: web2\n  namespace: svc-test\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n");
        Assert.Contains("The Service \"web2\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated", clash.Stderr);

        var ipClash = await Create($"apiVersion: v1\nkind: Service\nmetadata:\n  name: web3\n  namespace: svc-test\nspec:\n  clusterIP: {ip}\n  ports:\n  - port: 80\n");
        Assert.Contains($"failed to allocate IP {ip}: provided IP is already allocated", ipClash.Stderr);

        var lb = (await Create("apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\n  namespace: svc-test\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 443\n    targetPort: 8443\n")).EnsureSuccess();
        var lbObj = JsonNode.Parse((await fx.Kubectl("get", "svc", "lb", "-n", "svc-test", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        var nodePort = lbObj.Items("spec.ports").Single().Int("nodePort");
        Assert.InRange(nodePort ?? 0, 30000, 32767);
        Assert.Equal(8443, lbObj.Items("spec.ports").Single().Int("targetPort"));
        _ = lb;

        svc = JsonNode.Parse((await fx.Kubectl("get", "svc", "web", "-n", "svc-test", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        svc.Obj("spec")["clusterIP"] = "10.96.77.77";
        svc.Obj("spec")["clusterIPs"] = new JsonArray("10.96.77.77");
        var moved = await fx.Run(fx.KubeconfigPath, svc.ToJsonString(), null, "replace", "--validate=false", "-f", "-");
        Assert.Contains("spec.clusterIPs[0]: Invalid value: []string{\"10.96.77.77\"}: may not change once set", moved.Stderr);

        var kube = (await fx.Kubectl("get", "svc", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.clusterIP}")).EnsureSuccess();
        Assert.Equal("10.96.0.1", kube.Stdout);
    }

    [Fact]
    public async Task LimitRange_defaults_apply_and_max_is_enforced_with_403()
    {
        await Namespace("lr-test");
        (await Create("apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\n  namespace: lr-test\nspec:\n  limits:\n  - type: Container\n    max:\n      cpu: \"1\"\n    default:\n      cpu: 500m\n      memory: 256Mi\n    defaultRequest:\n      cpu: 100m\n")).EnsureSuccess();
        var lr = JsonNode.Parse((await fx.Kubectl("get", "limitrange", "limits", "-n", "lr-test", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        Assert.Equal("256Mi", lr.Items("spec.limits").Single().Str("defaultRequest.memory"));

        (await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: lr-test\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n")).EnsureSuccess();
        var pod = JsonNode.Parse((await fx.Kubectl("get", "pod", "p", "-n", "lr-test", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        var c = pod.Items("spec.containers").Single();
        Assert.Equal("100m", c.Str("resources.requests.cpu"));
        Assert.Equal("256Mi", c.Str("resources.requests.memory"));
        Assert.Equal("500m", c.Str("resources.limits.cpu"));
        Assert.Equal("256Mi", c.Str("resources.limits.memory"));
        Assert.Equal("LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app",
            Json.StringMap(pod.At("metadata.annotations"))["kubernetes.io/limit-ranger"]);
        Assert.Equal("Burstable", pod.Str("status.qosClass"));

        var big = await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  namespace: lr-test\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      limits:\n        cpu: \"2\"\n");
        Assert.NotEqual(0, big.ExitCode);
        Assert.Contains("Error from server (Forbidden)", big.Stderr);
        Assert.Contains("pods \"x\" is forbidden: maximum cpu usage per Container is 1, but limit is 2", big.Stderr);

        (await Create("apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: storage\n  namespace: lr-test\nspec:\n  limits:\n  - type: PersistentVolumeClaim\n    max: {storage: 10Gi}\n")).EnsureSuccess();
        var claim = await Create("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: huge\n  namespace: lr-test\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests: {storage: 20Gi}\n");
        Assert.Contains("persistentvolumeclaims \"huge\" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi", claim.Stderr);
    }

    [Fact]
    public async Task ResourceQuota_rejects_with_the_real_messages_and_status_shows_usage()
    {
        await Namespace("quota-test");
        (await Create("apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: compute\n  namespace: quota-test\nspec:\n  hard:\n    requests.cpu: \"2\"\n    requests.memory: 1Gi\n    pods: \"5\"\n    configmaps: \"10\"\n")).EnsureSuccess();
        string PodYaml(string name, string cpu) =>
            $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: quota-test\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: \"{cpu}\"\n        memory: 256Mi\n";
        (await Create(PodYaml("one", "1"))).EnsureSuccess();

        var tooBig = await Create(PodYaml("two", "2"));
        Assert.NotEqual(0, tooBig.ExitCode);
        Assert.Contains("pods \"two\" is forbidden: exceeded quota: compute, requested: requests.cpu=2, used: requests.cpu=1, limited: requests.cpu=2", tooBig.Stderr);

        var noRequests = await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: naked\n  namespace: quota-test\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n");
        Assert.Contains("pods \"naked\" is forbidden: failed quota: compute: must specify requests.cpu for: app; requests.memory for: app", noRequests.Stderr);

        (await Create(PodYaml("half", "500m"))).EnsureSuccess();
        await EmulatorFixture.Eventually(async () =>
        {
            var q = JsonNode.Parse((await fx.Kubectl("get", "quota", "compute", "-n", "quota-test", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
            return q.Str("status.used.requests.cpu") is null
                && Json.StringMap(q.At("status.used")) is var used
                && used.GetValueOrDefault("requests.cpu") == "1500m" && used.GetValueOrDefault("pods") == "2"
                && used.GetValueOrDefault("requests.memory") == "512Mi" && used.GetValueOrDefault("configmaps") is "0" or "1"
                && Json.StringMap(q.At("status.hard")).GetValueOrDefault("pods") == "5";
        }, "quota status.used to count the two pods");
        var describe = (await fx.Kubectl("describe", "quota", "compute", "-n", "quota-test")).EnsureSuccess();
        Assert.Contains("1500m", describe.Stdout);
    }

    [Fact]
    public async Task Scoped_quota_only_counts_matching_pods()
    {
        await Namespace("scope-test");
        (await Create("apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: best-effort\n  namespace: scope-test\nspec:\n  hard:\n    pods: \"1\"\n  scopes: [BestEffort]\n")).EnsureSuccess();
        string PodYaml(string name, bool requests) =>
            $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: scope-test\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n" + (requests ? "    resources:\n      requests:\n        cpu: 100m\n" : "");
        (await Create(PodYaml("free-1", false))).EnsureSuccess();
        var second = await Create(PodYaml("free-2", false));
        Assert.Contains("pods \"free-2\" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1", second.Stderr);
        (await Create(PodYaml("burstable", true))).EnsureSuccess();
        (await Create("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: scope-test\n")).EnsureSuccess();
    }

    [Fact]
    public async Task Pod_spec_is_immutable_except_images()
    {
        await Namespace("immutable");
        (await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: fixed\n  namespace: immutable\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n")).EnsureSuccess();
        var pod = JsonNode.Parse((await fx.Kubectl("get", "pod", "fixed", "-n", "immutable", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        pod.Items("spec.containers").Single()["image"] = "nginx:1.28";
        (await fx.Run(fx.KubeconfigPath, pod.ToJsonString(), null, "replace", "--validate=false", "-f", "-")).EnsureSuccess();

        pod = JsonNode.Parse((await fx.Kubectl("get", "pod", "fixed", "-n", "immutable", "-o", "json")).EnsureSuccess().Stdout)!.AsObject();
        Assert.Equal("nginx:1.28", pod.Items("spec.containers").Single().Str("image"));
        pod.Items("spec.containers").Single()["env"] = new JsonArray(new JsonObject { ["name"] = "A", ["value"] = "b" });
        var r = await fx.Run(fx.KubeconfigPath, pod.ToJsonString(), null, "replace", "--validate=false", "-f", "-");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("The Pod \"fixed\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`", r.Stderr);
    }

    [Fact]
    public async Task Pods_naming_a_missing_service_account_are_forbidden()
    {
        await Namespace("sa-test");
        var r = await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: robot-pod\n  namespace: sa-test\nspec:\n  serviceAccountName: robot\n  containers:\n  - name: app\n    image: nginx:1.27\n");
        Assert.Contains("pods \"robot-pod\" is forbidden: error looking up service account sa-test/robot: serviceaccount \"robot\" not found", r.Stderr);
        (await Create("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n  namespace: sa-test\n")).EnsureSuccess();
        (await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: robot-pod\n  namespace: sa-test\nspec:\n  serviceAccountName: robot\n  containers:\n  - name: app\n    image: nginx:1.27\n")).EnsureSuccess();
    }
}
