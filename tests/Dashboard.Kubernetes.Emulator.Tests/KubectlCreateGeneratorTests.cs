using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>
/// An emulator whose review endpoints and serviceaccounts/token only record what they decode and answer a canned
/// status, so the protobuf bodies kubectl sends for auth can-i / whoami / create token can be checked on their own.
/// </summary>
public sealed class ProtobufCaptureFixture : EmulatorFixture
{
    /// <summary>Objects decoded by the recording handlers, by kind.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> Captured { get; } = new(StringComparer.Ordinal);

    /// <summary>Objects as they entered the write pipeline (before any defaulting), by "kind/name".</summary>
    public ConcurrentDictionary<string, JsonObject> Admitted { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var context = Emulator.Context;
        context.Api.AddAdmission(new RecordingAdmission(Admitted));
        context.VirtualResources[context.Type("authorization.k8s.io", "selfsubjectaccessreviews")] =
            r => Record(r, o => o["status"] = new JsonObject { ["allowed"] = true, ["reason"] = "recorded" });
        context.VirtualResources[context.Type("authorization.k8s.io", "selfsubjectrulesreviews")] =
            r => Record(r, o => o["status"] = new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject
                {
                    ["verbs"] = new JsonArray("get", "list"), ["apiGroups"] = new JsonArray(""), ["resources"] = new JsonArray("pods"),
                }),
                ["nonResourceRules"] = new JsonArray(),
                ["incomplete"] = false,
            });
        context.VirtualResources[context.Type("authentication.k8s.io", "selfsubjectreviews")] =
            r => Record(r, o => o["status"] = new JsonObject
            {
                ["userInfo"] = new JsonObject { ["username"] = "recorded-user", ["groups"] = new JsonArray("system:authenticated") },
            });
        context.Subresources["serviceaccounts/token"] =
            r => Record(r, o => o["status"] = new JsonObject { ["token"] = "recorded-token", ["expirationTimestamp"] = "2030-01-01T00:00:00Z" });
    }

    /// <summary>The last object of a kind the recording handlers decoded.</summary>
    public JsonObject Last(string kind) =>
        Captured.TryGetValue(kind, out var q) && q.LastOrDefault() is { } o ? o : throw new Xunit.Sdk.XunitException($"no {kind} was posted");

    private async Task Record(ApiRequest request, Action<JsonObject> answer)
    {
        var obj = await request.ReadObjectAsync();
        Captured.GetOrAdd(obj.Str("kind") ?? "", _ => new ConcurrentQueue<JsonObject>()).Enqueue(obj.Clone());
        answer(obj);
        await request.WriteAsync(201, obj);
    }
}

/// <summary>Runs first and keeps a copy of every created object, so tests see what the decoder produced.</summary>
internal sealed class RecordingAdmission(ConcurrentDictionary<string, JsonObject> sink) : IAdmissionPlugin
{
    public int Order => int.MinValue;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Create)
            sink[$"{request.Object.Str("kind")}/{request.Object.Name()}"] = request.Object.Clone();
    }
}

/// <summary>kubectl's create generators, auth can-i / whoami and create token send protobuf; these check what gets decoded.</summary>
public sealed class KubectlCreateGeneratorTests(ProtobufCaptureFixture fx) : IClassFixture<ProtobufCaptureFixture>
{
    /// <summary>kubectl -o json sorts keys, so objects are compared without regard to key order.</summary>
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    private async Task<JsonObject> GetJson(params string[] args)
    {
        var r = (await fx.Kubectl([.. args, "-o", "json"])).EnsureSuccess();
        return (JsonObject)JsonNode.Parse(r.Stdout)!;
    }

    [Fact]
    public async Task Namespace_configmap_secret_and_serviceaccount_are_created_from_protobuf()
    {
        (await fx.Kubectl("create", "namespace", "gen1")).EnsureSuccess();
        (await fx.Kubectl("create", "configmap", "settings", "-n", "gen1", "--from-literal=mode=prod", "--from-literal=empty=")).EnsureSuccess();
        (await fx.Kubectl("create", "secret", "generic", "creds", "-n", "gen1", "--from-literal=password=q")).EnsureSuccess();
        (await fx.Kubectl("create", "serviceaccount", "robot", "-n", "gen1")).EnsureSuccess();

        var ns = await GetJson("get", "namespace", "gen1");
        Assert.Equal("Namespace", ns.Str("kind"));
        Assert.Null(ns.At("metadata.namespace"));

        var cm = await GetJson("get", "configmap", "settings", "-n", "gen1");
        AssertJson("""{"empty":"","mode":"prod"}""", cm["data"]!);

        var secret = await GetJson("get", "secret", "creds", "-n", "gen1");
        Assert.Equal("cQ==", secret.Str("data.password"));

        var sa = await GetJson("get", "serviceaccount", "robot", "-n", "gen1");
        Assert.Equal("robot", sa.Name());
        Assert.Equal("gen1", sa.Namespace());
    }

    [Fact]
    public async Task Deployment_generator_round_trips_its_pod_template()
    {
        (await fx.Kubectl("create", "deployment", "web", "--image=nginx", "--replicas=2", "--port=80")).EnsureSuccess();
        var d = await GetJson("get", "deployment", "web");
        Assert.Equal("apps/v1", d.Str("apiVersion"));
        Assert.Equal(2, d.Int("spec.replicas"));
        Assert.Equal("web", d.Str("spec.selector.matchLabels.app"));
        Assert.Equal("web", d.Str("spec.template.metadata.labels.app"));
        // What kubectl sent, before the server's defaults (strategy, pull policy, protocol...) were applied.
        var sent = fx.Admitted["Deployment/web"];
        Assert.Equal("{}", sent["spec"]!["strategy"]!.ToJsonString());
        AssertJson("""[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"resources":{}}]""", sent["spec"]!["template"]!["spec"]!["containers"]!);

        (await fx.Kubectl("create", "deployment", "idle", "--image=busybox", "--replicas=0", "--", "sleep", "3600")).EnsureSuccess();
        var idle = await GetJson("get", "deployment", "idle");
        Assert.Equal(0, idle.Int("spec.replicas"));
        AssertJson("""["sleep","3600"]""", idle["spec"]!["template"]!["spec"]!["containers"]![0]!["command"]!);
    }

    [Fact]
    public async Task Rbac_generators_decode_rules_subjects_and_role_refs()
    {
        (await fx.Kubectl("create", "role", "pod-reader", "--verb=get,list", "--resource=pods,deployments.apps", "--resource-name=a")).EnsureSuccess();
        (await fx.Kubectl("create", "clusterrole", "health", "--verb=get", "--non-resource-url=/healthz")).EnsureSuccess();
        (await fx.Kubectl("create", "rolebinding", "read-pods", "--role=pod-reader", "--user=jane", "--serviceaccount=default:robot")).EnsureSuccess();
        (await fx.Kubectl("create", "clusterrolebinding", "health-devs", "--clusterrole=health", "--group=devs")).EnsureSuccess();

        var role = await GetJson("get", "role", "pod-reader");
        AssertJson("""[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"],"resourceNames":["a"]},{"verbs":["get","list"],"apiGroups":["apps"],"resources":["deployments"],"resourceNames":["a"]}]""", role["rules"]!);
        var cr = await GetJson("get", "clusterrole", "health");
        AssertJson("""[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]""", cr["rules"]!);
        var rb = await GetJson("get", "rolebinding", "read-pods");
        AssertJson("""[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"jane"},{"kind":"ServiceAccount","name":"robot","namespace":"default"}]""", rb["subjects"]!);
        AssertJson("""{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"pod-reader"}""", rb["roleRef"]!);
        var crb = await GetJson("get", "clusterrolebinding", "health-devs");
        AssertJson("""[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"devs"}]""", crb["subjects"]!);
    }

    [Fact]
    public async Task Quota_pdb_priorityclass_ingress_and_services_are_decoded()
    {
        (await fx.Kubectl("create", "quota", "small", "--hard=cpu=1,memory=1Gi,pods=10", "--scopes=BestEffort")).EnsureSuccess();
        (await fx.Kubectl("create", "pdb", "web-min", "--selector=app=web", "--min-available=1")).EnsureSuccess();
        (await fx.Kubectl("create", "pdb", "web-max", "--selector=app=web", "--max-unavailable=50%")).EnsureSuccess();
        (await fx.Kubectl("create", "priorityclass", "zero", "--value=0", "--description=lowest")).EnsureSuccess();
        (await fx.Kubectl("create", "ingress", "site", "--class=nginx", "--rule=foo.com/bar*=svc1:8080,tls=foo-cert")).EnsureSuccess();
        (await fx.Kubectl("create", "service", "clusterip", "api", "--tcp=8080:80")).EnsureSuccess();
        (await fx.Kubectl("create", "service", "nodeport", "edge", "--tcp=5678:8080", "--node-port=30080")).EnsureSuccess();

        var quota = await GetJson("get", "quota", "small");
        AssertJson("""{"hard":{"cpu":"1","memory":"1Gi","pods":"10"},"scopes":["BestEffort"]}""", quota["spec"]!);
        Assert.Equal(1, (await GetJson("get", "pdb", "web-min")).Int("spec.minAvailable"));
        Assert.Equal("50%", (await GetJson("get", "pdb", "web-max")).Str("spec.maxUnavailable"));
        var pc = await GetJson("get", "priorityclass", "zero");
        Assert.Equal(0, pc.Int("value"));
        Assert.Equal("lowest", pc.Str("description"));
        var ing = await GetJson("get", "ingress", "site");
        AssertJson("""{"ingressClassName":"nginx","tls":[{"hosts":["foo.com"],"secretName":"foo-cert"}],"rules":[{"host":"foo.com","http":{"paths":[{"path":"/bar","pathType":"Prefix","backend":{"service":{"name":"svc1","port":{"number":8080}}}}]}}]}""", ing["spec"]!);
        var svc = await GetJson("get", "service", "api");
        AssertJson("""[{"name":"8080-80","protocol":"TCP","port":8080,"targetPort":80}]""", svc["spec"]!["ports"]!);
        Assert.Equal("ClusterIP", svc.Str("spec.type"));
        var np = await GetJson("get", "service", "edge");
        Assert.Equal(30080, np["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cronjob_and_job_from_cronjob_keep_template_and_owner()
    {
        (await fx.Kubectl("create", "cronjob", "nightly", "--image=busybox", "--schedule=*/5 * * * *", "--restart=OnFailure", "--", "date")).EnsureSuccess();
        (await fx.Kubectl("create", "job", "nightly-manual", "--from=cronjob/nightly")).EnsureSuccess();

        var cj = await GetJson("get", "cronjob", "nightly");
        Assert.Equal("*/5 * * * *", cj.Str("spec.schedule"));
        var job = await GetJson("get", "job", "nightly-manual");
        Assert.Equal("manual", job["metadata"]!["annotations"]!["cronjob.kubernetes.io/instantiate"]!.GetValue<string>());
        var owner = job["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("CronJob", owner["kind"]!.GetValue<string>());
        Assert.Equal(cj.Uid(), owner["uid"]!.GetValue<string>());
        Assert.True(owner["controller"]!.GetValue<bool>());
        AssertJson("""{"metadata":{},"spec":{"containers":[{"name":"nightly","image":"busybox","command":["date"],"resources":{}}],"restartPolicy":"OnFailure"}}""", fx.Admitted["CronJob/nightly"]["spec"]!["jobTemplate"]!["spec"]!["template"]!);
        // The Job carries the CronJob's template as stored, server defaults included.
        AssertJson(cj["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!.ToJsonString(), job["spec"]!["template"]!["spec"]!);
    }

    [Fact]
    public async Task Auth_can_i_sends_access_reviews_that_decode()
    {
        var r = (await fx.Kubectl("auth", "can-i", "list", "deployments.apps", "-n", "kube-system")).EnsureSuccess();
        Assert.Equal("yes", r.Stdout.Trim());
        var ssar = fx.Last("SelfSubjectAccessReview");
        Assert.Equal("authorization.k8s.io/v1", ssar.Str("apiVersion"));
        AssertJson("""{"namespace":"kube-system","verb":"list","group":"apps","resource":"deployments"}""", ssar["spec"]!["resourceAttributes"]!);

        (await fx.Kubectl("auth", "can-i", "get", "/healthz")).EnsureSuccess();
        AssertJson("""{"path":"/healthz","verb":"get"}""", fx.Last("SelfSubjectAccessReview")["spec"]!["nonResourceAttributes"]!);

        var list = (await fx.Kubectl("auth", "can-i", "--list", "-n", "team-a")).EnsureSuccess();
        Assert.Contains("pods", list.Stdout);
        Assert.Equal("team-a", fx.Last("SelfSubjectRulesReview").Str("spec.namespace"));
    }

    [Fact]
    public async Task Whoami_and_create_token_send_reviews_and_token_requests_that_decode()
    {
        var who = (await fx.Kubectl("auth", "whoami")).EnsureSuccess();
        Assert.Contains("recorded-user", who.Stdout);
        Assert.Equal("SelfSubjectReview", fx.Last("SelfSubjectReview").Str("kind"));

        var token = (await fx.Kubectl("create", "token", "robot", "--duration=15m", "--audience=https://example.test")).EnsureSuccess();
        Assert.Equal("recorded-token", token.Stdout.Trim());
        var tr = fx.Last("TokenRequest");
        Assert.Equal("authentication.k8s.io/v1", tr.Str("apiVersion"));
        Assert.Equal(900, tr.Int("spec.expirationSeconds"));
        AssertJson("""["https://example.test"]""", tr["spec"]!["audiences"]!);
    }

    [Fact]
    public async Task Debug_copy_of_a_pod_round_trips_its_whole_spec()
    {
        // kubectl debug --copy-to reads the pod and posts a copy through the typed client, i.e. as protobuf.
        const string pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"src","labels":{"a":"b"}},"spec":{
              "volumes":[{"name":"v","emptyDir":{}},{"name":"c","configMap":{"name":"cm","defaultMode":420,"optional":false}}],
              "containers":[{"name":"main","image":"nginx","env":[{"name":"X","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                "ports":[{"containerPort":80,"name":"http"}],"readinessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":5},
                "securityContext":{"runAsUser":0,"allowPrivilegeEscalation":false},"volumeMounts":[{"name":"v","mountPath":"/v"}],
                "resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}],
              "terminationGracePeriodSeconds":0,"tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule"}],
              "affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":10,"podAffinityTerm":{
                "topologyKey":"kubernetes.io/hostname","labelSelector":{"matchExpressions":[{"key":"a","operator":"In","values":["b"]}]}}}]}}}}
            """;
        (await fx.Run(fx.KubeconfigPath, pod, null, "create", "--validate=false", "-f", "-")).EnsureSuccess();
        (await fx.Kubectl("debug", "src", "--copy-to=src-copy", "--image=busybox", "--container=dbg", "--profile=general", "--", "sleep", "1")).EnsureSuccess();

        var source = await GetJson("get", "pod", "src");
        var copy = await GetJson("get", "pod", "src-copy");
        var containers = (JsonArray)copy["spec"]!["containers"]!;
        var debug = containers.Single(c => c!["name"]!.GetValue<string>() == "dbg");
        AssertJson("""["sleep","1"]""", debug!["command"]);
        containers.Remove(debug);
        // The "general" debug profile strips probes from copies and shares the process namespace.
        var expected = (JsonObject)source["spec"]!.DeepClone();
        ((JsonObject)expected["containers"]![0]!).Remove("readinessProbe");
        expected["shareProcessNamespace"] = true;
        AssertJson(expected.ToJsonString(), copy["spec"]);
    }

    [Fact]
    public async Task Auth_reconcile_creates_then_updates_rbac_with_protobuf_posts_and_puts()
    {
        const string manifest = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reconciled, namespace: default}
            rules:
            - {apiGroups: [""], resources: [pods], verbs: [VERBS]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: reconciled-bob, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reconciled}
            subjects:
            - {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
            """;
        (await fx.Run(fx.KubeconfigPath, manifest.Replace("VERBS", "get", StringComparison.Ordinal), null, "auth", "reconcile", "-f", "-")).EnsureSuccess();
        var binding = await GetJson("get", "rolebinding", "reconciled-bob");
        AssertJson("""[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"bob"}]""", binding["subjects"]);

        (await fx.Run(fx.KubeconfigPath, manifest.Replace("VERBS", "get, list", StringComparison.Ordinal), null, "auth", "reconcile", "-f", "-")).EnsureSuccess();
        var role = await GetJson("get", "role", "reconciled");
        var verbs = ((JsonArray)role["rules"]!).SelectMany(r => ((JsonArray)r!["verbs"]!).Select(v => v!.GetValue<string>())).Order().ToList();
        Assert.Equal(["get", "list"], verbs);
    }

    public static TheoryData<string[]> Generators() => new()
    {
        new[] { "namespace", "dry-ns" },
        new[] { "configmap", "dry-cm", "--from-literal=a=1", "--from-literal=b=" },
        new[] { "secret", "generic", "dry-secret", "--from-literal=p=q", "--type=Opaque" },
        new[] { "secret", "docker-registry", "dry-reg", "--docker-server=r.io", "--docker-username=u", "--docker-password=p" },
        new[] { "serviceaccount", "dry-sa" },
        new[] { "service", "clusterip", "dry-svc", "--tcp=8080:80", "--tcp=9090" },
        new[] { "service", "clusterip", "dry-headless", "--clusterip=None" },
        new[] { "service", "nodeport", "dry-np", "--tcp=5678:8080", "--node-port=30081" },
        new[] { "service", "loadbalancer", "dry-lb", "--tcp=80:8080" },
        new[] { "service", "externalname", "dry-en", "--external-name=example.com" },
        new[] { "deployment", "dry-web", "--image=nginx", "--image=busybox", "--replicas=3", "--port=80" },
        new[] { "deployment", "dry-zero", "--image=nginx", "--replicas=0", "--", "sleep", "1" },
        new[] { "job", "dry-job", "--image=busybox", "--", "echo", "hi" },
        new[] { "cronjob", "dry-cj", "--image=busybox", "--schedule=*/1 * * * *", "--restart=Never", "--", "date" },
        new[] { "role", "dry-role", "--verb=get", "--verb=list", "--resource=pods", "--resource=deployments.apps/scale" },
        new[] { "clusterrole", "dry-cr", "--verb=*", "--resource=*.*" },
        new[] { "clusterrole", "dry-agg", "--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true" },
        new[] { "rolebinding", "dry-rb", "--clusterrole=view", "--user=a", "--group=g", "--serviceaccount=default:sa" },
        new[] { "clusterrolebinding", "dry-crb", "--clusterrole=view", "--user=a" },
        // Terminating scope: the quota is enforced (as in a real cluster), and must not catch the other tests' pods.
        new[] { "quota", "dry-quota", "--hard=cpu=2,pods=5", "--scopes=Terminating" },
        new[] { "pdb", "dry-pdb", "--selector=app=x", "--min-available=50%" },
        new[] { "priorityclass", "dry-pc", "--value=0", "--preemption-policy=Never", "--description=d" },
        new[] { "ingress", "dry-ing", "--class=default", "--rule=a.com/=svc:http", "--rule=b.com/path*=svc2:8080,tls", "--default-backend=defsvc:80", "--annotation=x=y" },
    };

    /// <summary>
    /// The strongest check: kubectl's own client-side dry run prints the Go object as JSON; the protobuf body kubectl
    /// sends for the same command must decode to exactly that (server-set metadata aside).
    /// </summary>
    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Decoded_body_equals_kubectl_client_dry_run_json(string[] args)
    {
        // Flags go before a "--" that starts the container command.
        var split = Array.IndexOf(args, "--") is var i and >= 0 ? i : args.Length;
        var dryRun = (await fx.Kubectl(["create", .. args[..split], "--dry-run=client", "-o", "json", .. args[split..]])).EnsureSuccess();
        var expected = (JsonObject)JsonNode.Parse(dryRun.Stdout)!;
        (await fx.Kubectl(["create", .. args])).EnsureSuccess();
        var key = $"{expected.Str("kind")}/{expected.Name()}";
        Assert.True(fx.Admitted.TryGetValue(key, out var actual), $"{key} was not created");

        Normalize(expected);
        Normalize(actual);
        AssertJson(expected.ToJsonString(), actual);
    }

    /// <summary>Drops what the server assigns and Go's null zero times, which the decoder omits.</summary>
    private static void Normalize(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array) Normalize(item);
            return;
        }
        if (node is not JsonObject obj) return;
        if (obj["metadata"] is JsonObject meta)
            foreach (var server in new[] { "uid", "resourceVersion", "generation", "creationTimestamp", "namespace", "managedFields" })
                meta.Remove(server);
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList()) obj.Remove(key);
        foreach (var (_, value) in obj) Normalize(value);
    }
}
