using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Endpoints, volumes, namespaces, service accounts, quota and HPA controllers, observed through kubectl.</summary>
public sealed class ClusterControllerTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private Task<KubectlResult> Create(string yaml) => fx.Run(fx.KubeconfigPath, yaml, null, "create", "--validate=false", "-f", "-");

    private async Task<JsonObject> GetJson(params string[] args) =>
        JsonNode.Parse((await fx.Kubectl([.. args, "-o", "json"])).EnsureSuccess().Stdout)!.AsObject();

    private async Task Namespace(string name) =>
        (await Create($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n")).EnsureSuccess();

    /// <summary>Plays the kubelet: gives a pod an IP and a Ready condition.</summary>
    private async Task MarkRunning(string ns, string name, string ip, bool ready)
    {
        var api = fx.Emulator.Context.Api;
        var pods = fx.Emulator.Context.Type("", "pods");
        await EmulatorFixture.Eventually(() =>
        {
            try
            {
                var pod = api.Get(pods, ns, name);
                var status = pod.Obj("status");
                status["phase"] = "Running";
                status["podIP"] = ip;
                status["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" });
                api.Update(pods, ns, name, pod, UserInfo.System, new WriteOptions { Subresource = "status" });
                return Task.FromResult(true);
            }
            catch (ApiException e) when (e.Code == 409)
            {
                return Task.FromResult(false);
            }
        }, $"status update of {name}");
    }

    [Fact]
    public async Task Service_endpoints_and_endpoint_slices_follow_ready_pods()
    {
        await Namespace("ep-test");
        (await Create("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ep-test\nspec:\n  selector: {app: web}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n")).EnsureSuccess();
        foreach (var name in new[] { "web-a", "web-b" })
            (await Create($"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: ep-test\n  labels: {{app: web}}\nspec:\n  nodeName: node-1\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - name: http\n      containerPort: 8080\n")).EnsureSuccess();
        (await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\n  namespace: ep-test\n  labels: {app: other}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n")).EnsureSuccess();
        await MarkRunning("ep-test", "web-a", "10.244.1.5", ready: true);
        await MarkRunning("ep-test", "web-b", "10.244.1.6", ready: false);
        await MarkRunning("ep-test", "other", "10.244.1.7", ready: true);

        await EmulatorFixture.Eventually(async () =>
        {
            var ep = await GetJson("get", "endpoints", "web", "-n", "ep-test");
            var subset = ep.Items("subsets").SingleOrDefault();
            return subset is not null
                && subset.Items("addresses").SingleOrDefault() is { } a && a.Str("ip") == "10.244.1.5" && a.Str("targetRef.name") == "web-a" && a.Str("nodeName") == "node-1"
                && subset.Items("notReadyAddresses").SingleOrDefault()?.Str("ip") == "10.244.1.6"
                && subset.Items("ports").Single().Int("port") == 8080 && subset.Items("ports").Single().Str("name") == "http";
        }, "Endpoints with one ready and one not-ready address");

        await EmulatorFixture.Eventually(async () =>
        {
            var list = await GetJson("get", "endpointslices", "-n", "ep-test", "-l", "kubernetes.io/service-name=web");
            var slice = list.Items("items").SingleOrDefault();
            if (slice is null || slice.Str("addressType") != "IPv4") return false;
            var endpoints = slice.Items("endpoints").ToList();
            return endpoints.Count == 2
                && endpoints.Any(e => e.At("addresses")![0]!.GetValue<string>() == "10.244.1.5" && e.Bool("conditions.ready") == true && e.Bool("conditions.serving") == true && e.Bool("conditions.terminating") == false)
                && endpoints.Any(e => e.At("addresses")![0]!.GetValue<string>() == "10.244.1.6" && e.Bool("conditions.ready") == false)
                && slice.Items("ports").Single().Int("port") == 8080
                && slice.Items("metadata.ownerReferences").Single().Str("name") == "web";
        }, "an EndpointSlice with both pods and their conditions");

        (await fx.Kubectl("delete", "service", "web", "-n", "ep-test")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () =>
            (await fx.Kubectl("get", "endpoints", "web", "-n", "ep-test")).ExitCode != 0
            && (await GetJson("get", "endpointslices", "-n", "ep-test", "-l", "kubernetes.io/service-name=web")).Items("items").Count() == 0,
            "endpoints to go with the service");
    }

    [Fact]
    public async Task Claims_bind_through_the_default_class_and_stay_pending_without_one()
    {
        await Namespace("pv-test");
        (await Create("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\n  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\nprovisioner: rancher.io/local-path\nreclaimPolicy: Delete\nvolumeBindingMode: Immediate\n")).EnsureSuccess();
        (await Create("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: lazy\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\n")).EnsureSuccess();
        string Claim(string name, string? cls) =>
            $"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\n  namespace: pv-test\nspec:\n{(cls is null ? "" : $"  storageClassName: \"{cls}\"\n")}  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 2Gi\n";
        (await Create(Claim("data", null))).EnsureSuccess();
        (await Create(Claim("none", ""))).EnsureSuccess();
        (await Create(Claim("ghost", "premium"))).EnsureSuccess();
        (await Create(Claim("later", "lazy"))).EnsureSuccess();

        string? pvName = null;
        await EmulatorFixture.Eventually(async () =>
        {
            var pvc = await GetJson("get", "pvc", "data", "-n", "pv-test");
            pvName = pvc.Str("spec.volumeName");
            return pvc.Str("status.phase") == "Bound" && pvc.Str("spec.storageClassName") == "standard" && pvc.Str("status.capacity.storage") == "2Gi";
        }, "the claim to bind to a provisioned volume");
        var pv = await GetJson("get", "pv", pvName!);
        Assert.Equal("pvc-" + (await GetJson("get", "pvc", "data", "-n", "pv-test")).Uid(), pvName);
        Assert.Equal("Bound", pv.Str("status.phase"));
        Assert.Equal("data", pv.Str("spec.claimRef.name"));
        Assert.Equal("Delete", pv.Str("spec.persistentVolumeReclaimPolicy"));

        await EmulatorFixture.Eventually(async () =>
        {
            var d = (await fx.Kubectl("describe", "pvc", "none", "-n", "pv-test")).EnsureSuccess().Stdout;
            return d.Contains("Pending", StringComparison.Ordinal) && d.Contains("no persistent volumes available for this claim and no storage class is set", StringComparison.Ordinal);
        }, "the classless claim's FailedBinding event");
        await EmulatorFixture.Eventually(async () =>
            (await fx.Kubectl("describe", "pvc", "ghost", "-n", "pv-test")).Stdout.Contains("storageclass.storage.k8s.io \"premium\" not found", StringComparison.Ordinal),
            "the missing class's ProvisioningFailed event");
        await EmulatorFixture.Eventually(async () =>
            (await fx.Kubectl("describe", "pvc", "later", "-n", "pv-test")).Stdout.Contains("waiting for first consumer to be created before binding", StringComparison.Ordinal),
            "the WaitForFirstConsumer event");
        Assert.Equal("Pending", (await GetJson("get", "pvc", "later", "-n", "pv-test")).Str("status.phase"));

        (await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: consumer\n  namespace: pv-test\nspec:\n  nodeName: worker-1\n  containers:\n  - name: app\n    image: nginx:1.27\n  volumes:\n  - name: d\n    persistentVolumeClaim:\n      claimName: later\n")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await GetJson("get", "pvc", "later", "-n", "pv-test")).Str("status.phase") == "Bound",
            "the WaitForFirstConsumer claim to bind once its pod is scheduled");
        var lazyPv = await GetJson("get", "pv", (await GetJson("get", "pvc", "later", "-n", "pv-test")).Str("spec.volumeName")!);
        Assert.Contains("worker-1", lazyPv.At("spec.nodeAffinity")!.ToJsonString(), StringComparison.Ordinal);

        (await fx.Kubectl("delete", "pvc", "data", "-n", "pv-test")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "pv", pvName!)).ExitCode != 0, "the Delete-policy volume to go with its claim");

        // A claim in use is protected: it stays Terminating until its pod is gone.
        Assert.Contains("kubernetes.io/pvc-protection", (await GetJson("get", "pvc", "later", "-n", "pv-test")).At("metadata.finalizers")!.ToJsonString(), StringComparison.Ordinal);
        (await fx.Kubectl("delete", "pvc", "later", "-n", "pv-test", "--wait=false")).EnsureSuccess();
        await Task.Delay(300);
        Assert.NotNull((await GetJson("get", "pvc", "later", "-n", "pv-test")).At("metadata.deletionTimestamp"));
        (await fx.Kubectl("delete", "pod", "consumer", "-n", "pv-test", "--grace-period=0", "--force")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "pvc", "later", "-n", "pv-test")).ExitCode != 0, "the protected claim to go once its pod is gone");
    }

    [Fact]
    public async Task Static_volumes_bind_by_class_size_and_access_mode()
    {
        await Namespace("static-pv");
        (await Create("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: small\nspec:\n  storageClassName: manual\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /tmp/small}\n")).EnsureSuccess();
        (await Create("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: big\n  labels: {tier: gold}\nspec:\n  storageClassName: manual\n  persistentVolumeReclaimPolicy: Retain\n  capacity: {storage: 5Gi}\n  accessModes: [ReadWriteOnce, ReadOnlyMany]\n  hostPath: {path: /tmp/big}\n")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await GetJson("get", "pv", "small")).Str("status.phase") == "Available", "the volume to become Available");
        (await Create("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: want\n  namespace: static-pv\nspec:\n  storageClassName: manual\n  accessModes: [ReadWriteOnce]\n  selector:\n    matchLabels: {tier: gold}\n  resources:\n    requests: {storage: 2Gi}\n")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () =>
        {
            var pvc = await GetJson("get", "pvc", "want", "-n", "static-pv");
            return pvc.Str("status.phase") == "Bound" && pvc.Str("spec.volumeName") == "big" && pvc.Str("status.capacity.storage") == "5Gi";
        }, "the claim to bind the matching static volume");
        Assert.Equal("Available", (await GetJson("get", "pv", "small")).Str("status.phase"));
        (await fx.Kubectl("delete", "pvc", "want", "-n", "static-pv")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await GetJson("get", "pv", "big")).Str("status.phase") == "Released", "the Retain volume to be Released");
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_content_then_the_namespace()
    {
        await Namespace("doomed");
        (await Create("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: doomed\ndata: {a: b}\n")).EnsureSuccess();
        (await Create("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: doomed\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n")).EnsureSuccess();
        (await Create("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: doomed\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n")).EnsureSuccess();
        var configMaps = fx.Emulator.Context.Type("", "configmaps");
        var namespaces = fx.Emulator.Context.Type("", "namespaces");

        var delete = (await fx.Kubectl("delete", "namespace", "doomed")).EnsureSuccess();
        Assert.Contains("namespace \"doomed\" deleted", delete.Stdout);
        Assert.Null(fx.Emulator.Context.Api.TryGet(namespaces, "", "doomed"));
        Assert.Empty(fx.Emulator.Context.Api.List(configMaps, "doomed"));
        Assert.Empty(fx.Emulator.Context.Api.List(fx.Emulator.Context.Type("apps", "deployments"), "doomed"));
        var get = await fx.Kubectl("get", "namespace", "doomed");
        Assert.Contains("namespaces \"doomed\" not found", get.Stderr);
    }

    [Fact]
    public async Task New_namespaces_get_a_default_service_account_and_the_root_ca()
    {
        await Namespace("fresh");
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "serviceaccount", "default", "-n", "fresh")).ExitCode == 0, "the default ServiceAccount");
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "configmap", "kube-root-ca.crt", "-n", "fresh")).ExitCode == 0, "kube-root-ca.crt");
        var cm = await GetJson("get", "configmap", "kube-root-ca.crt", "-n", "fresh");
        Assert.Equal(fx.Emulator.CaPem, Json.StringMap(cm["data"])["ca.crt"]);

        (await fx.Kubectl("delete", "serviceaccount", "default", "-n", "fresh")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () => (await fx.Kubectl("get", "serviceaccount", "default", "-n", "fresh")).ExitCode == 0, "the default ServiceAccount to come back");
        var system = (await fx.Kubectl("get", "serviceaccounts", "-A")).EnsureSuccess();
        Assert.Contains("kube-system", system.Stdout);
    }

    [Fact]
    public async Task Hpa_keeps_its_target_within_bounds_and_reports_replicas()
    {
        await Namespace("hpa-test");
        (await Create("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: hpa-test\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n")).EnsureSuccess();
        (await Create("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n  namespace: hpa-test\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 70}\n")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () =>
        {
            var hpa = await GetJson("get", "hpa", "web", "-n", "hpa-test");
            var deploy = await GetJson("get", "deployment", "web", "-n", "hpa-test");
            return deploy.Int("spec.replicas") == 2 && hpa.Int("status.desiredReplicas") == 2
                && hpa.Items("status.conditions").Any(c => c.Str("type") == "AbleToScale" && c.Str("status") == "True");
        }, "the HPA to scale its target up to minReplicas");
    }

    [Fact]
    public async Task Hpa_scales_on_declared_cpu_usage_and_reports_current_metrics()
    {
        await Namespace("hpa-metrics");
        (await Create("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: hpa-metrics\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n")).EnsureSuccess();
        foreach (var name in new[] { "api-1", "api-2" })
        {
            (await Create($"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: hpa-metrics\n  labels: {{app: api}}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    env:\n    - {{name: EMULATOR_CPU_USAGE, value: 200m}}\n    resources:\n      requests: {{cpu: 100m}}\n")).EnsureSuccess();
            await MarkRunning("hpa-metrics", name, name == "api-1" ? "10.244.3.1" : "10.244.3.2", ready: true);
        }
        (await Create("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\n  namespace: hpa-metrics\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  minReplicas: 1\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 50}\n")).EnsureSuccess();
        await EmulatorFixture.Eventually(async () =>
        {
            var hpa = await GetJson("get", "hpa", "api", "-n", "hpa-metrics");
            var deploy = await GetJson("get", "deployment", "api", "-n", "hpa-metrics");
            return deploy.Int("spec.replicas") == 5 && hpa.Int("status.desiredReplicas") == 5
                && hpa.Items("status.currentMetrics").SingleOrDefault()?.Int("resource.current.averageUtilization") == 200
                && hpa.Items("status.conditions").Any(c => c.Str("type") == "ScalingLimited" && c.Str("reason") == "TooManyReplicas");
        }, "the HPA to scale 2 pods at 200 % of a 50 % target up to maxReplicas");
        var describe = (await fx.Kubectl("describe", "hpa", "api", "-n", "hpa-metrics")).EnsureSuccess().Stdout;
        Assert.Contains("New size: 5; reason: cpu resource utilization (percentage of request) above target", describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_status_tracks_counts()
    {
        await Namespace("count-test");
        (await Create("apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: objects\n  namespace: count-test\nspec:\n  hard:\n    configmaps: \"3\"\n    count/deployments.apps: \"2\"\n    services: \"1\"\n")).EnsureSuccess();
        (await Create("apiVersion: v1\nkind: Service\nmetadata:\n  name: one\n  namespace: count-test\nspec:\n  ports:\n  - port: 80\n")).EnsureSuccess();
        var second = await Create("apiVersion: v1\nkind: Service\nmetadata:\n  name: two\n  namespace: count-test\nspec:\n  ports:\n  - port: 80\n");
        Assert.Contains("services \"two\" is forbidden: exceeded quota: objects, requested: services=1, used: services=1, limited: services=1", second.Stderr);
        await EmulatorFixture.Eventually(async () =>
        {
            var used = Json.StringMap((await GetJson("get", "quota", "objects", "-n", "count-test")).At("status.used"));
            return used.GetValueOrDefault("services") == "1" && used.GetValueOrDefault("count/deployments.apps") == "0" && used.ContainsKey("configmaps");
        }, "quota usage of services");
    }
}
