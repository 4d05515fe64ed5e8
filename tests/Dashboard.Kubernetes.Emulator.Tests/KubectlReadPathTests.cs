using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>An emulator holding one object of every stored built-in kind, created with <c>kubectl create -f</c>.</summary>
public sealed class EveryKindFixture : EmulatorFixture
{
    /// <summary>The manifest with every kind.</summary>
    public static string Manifest => Path.Combine(AppContext.BaseDirectory, "Manifests", "every-kind.yaml");

    /// <summary>kubectl's output of the create.</summary>
    public KubectlResult Created { get; private set; } = null!;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Created = (await Kubectl("create", "-f", Manifest)).EnsureSuccess();
    }
}

/// <summary>kubectl's read path against every kind: get (plain and wide), describe, -o yaml/json, and get -w.</summary>
public sealed class KubectlReadPathTests(EveryKindFixture fx) : IClassFixture<EveryKindFixture>
{
    private static readonly (string Ref, string[] Columns, string[] Wide)[] Kinds =
    [
        ("namespace/printing-ns", ["NAME", "STATUS", "AGE"], []),
        ("node/node-a", ["NAME", "STATUS", "ROLES", "AGE", "VERSION"], ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]),
        ("pod/pod-a", ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]),
        ("service/svc-a", ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], ["SELECTOR"]),
        ("endpoints/ep-a", ["NAME", "ENDPOINTS", "AGE"], []),
        ("configmap/cm-a", ["NAME", "DATA", "AGE"], []),
        ("secret/secret-a", ["NAME", "TYPE", "DATA", "AGE"], []),
        ("serviceaccount/sa-a", ["NAME", "SECRETS", "AGE"], []),
        ("persistentvolume/pv-a", ["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"], ["VOLUMEMODE"]),
        ("persistentvolumeclaim/pvc-a", ["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"], ["VOLUMEMODE"]),
        ("event/ev-a", ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], []),
        ("limitrange/lr-a", ["NAME", "CREATED AT"], []),
        ("resourcequota/rq-a", ["NAME", "REQUEST", "LIMIT", "AGE"], []),
        ("replicationcontroller/rc-a", ["NAME", "DESIRED", "CURRENT", "READY", "AGE"], ["CONTAINERS", "IMAGES", "SELECTOR"]),
        ("deployment.apps/deploy-a", ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], ["CONTAINERS", "IMAGES", "SELECTOR"]),
        ("replicaset.apps/rs-a", ["NAME", "DESIRED", "CURRENT", "READY", "AGE"], ["CONTAINERS", "IMAGES", "SELECTOR"]),
        ("statefulset.apps/sts-a", ["NAME", "READY", "AGE"], ["CONTAINERS", "IMAGES"]),
        ("daemonset.apps/ds-a", ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"], ["CONTAINERS", "IMAGES", "SELECTOR"]),
        ("controllerrevision.apps/crev-a", ["NAME", "CONTROLLER", "REVISION", "AGE"], []),
        ("job.batch/job-a", ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], ["CONTAINERS", "IMAGES", "SELECTOR"]),
        ("cronjob.batch/cj-a", ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"], ["CONTAINERS", "IMAGES", "SELECTOR"]),
        ("horizontalpodautoscaler.autoscaling/hpa-a", ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"], []),
        ("poddisruptionbudget.policy/pdb-a", ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"], []),
        ("ingress.networking.k8s.io/ing-a", ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], []),
        ("ingressclass.networking.k8s.io/ic-a", ["NAME", "CONTROLLER", "PARAMETERS", "AGE"], []),
        ("networkpolicy.networking.k8s.io/np-a", ["NAME", "POD-SELECTOR", "AGE"], []),
        ("endpointslice.discovery.k8s.io/eps-a", ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], []),
        ("storageclass.storage.k8s.io/sc-a", ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"], []),
        ("role.rbac.authorization.k8s.io/role-a", ["NAME", "CREATED AT"], []),
        ("rolebinding.rbac.authorization.k8s.io/rb-a", ["NAME", "ROLE", "AGE"], ["USERS", "GROUPS", "SERVICEACCOUNTS"]),
        ("clusterrole.rbac.authorization.k8s.io/clusterrole-a", ["NAME", "CREATED AT"], []),
        ("clusterrolebinding.rbac.authorization.k8s.io/crb-a", ["NAME", "ROLE", "AGE"], ["USERS", "GROUPS", "SERVICEACCOUNTS"]),
        ("event.events.k8s.io/evk-a", ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], []),
        ("priorityclass.scheduling.k8s.io/pc-a", ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE"], ["PREEMPTIONPOLICY"]),
        ("lease.coordination.k8s.io/lease-a", ["NAME", "HOLDER", "AGE"], []),
        ("customresourcedefinition.apiextensions.k8s.io/gadgets.example.com", ["NAME", "CREATED AT"], []),
    ];

    private static string[] Refs => Kinds.Select(k => k.Ref).ToArray();

    [Fact]
    public void Create_with_default_validation_created_every_kind()
    {
        foreach (var (reference, _, _) in Kinds)
            Assert.Contains($"{reference} created", fx.Created.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_prints_the_kubectl_columns_of_every_kind()
    {
        var r = (await fx.Kubectl(["get", .. Refs])).EnsureSuccess();
        AssertTables(r.Stdout, wide: false);
    }

    [Fact]
    public async Task Get_wide_adds_the_priority_columns()
    {
        var r = (await fx.Kubectl(["get", "-o", "wide", .. Refs])).EnsureSuccess();
        AssertTables(r.Stdout, wide: true);
    }

    [Fact]
    public async Task Cells_show_the_objects_state()
    {
        var r = (await fx.Kubectl("get", "deploy/deploy-a", "svc/svc-a", "ep/ep-a", "secret/secret-a", "node/node-a", "-o", "wide")).EnsureSuccess();
        var rows = KubectlOutput.Tables(r.Stdout).ToDictionary(t => t.Rows[0][0], t => t.Rows[0]);
        var pod = KubectlOutput.Tables((await fx.Kubectl("get", "pod", "pod-a")).EnsureSuccess().Stdout).Single().Rows[0];
        Assert.Equal(["pod-a", "0/1", "Pending", "0"], pod.Take(4));
        Assert.Equal(["deployment.apps/deploy-a", "0/2", "0", "0"], rows["deployment.apps/deploy-a"].Take(4));
        Assert.Equal("app=deploy", rows["deployment.apps/deploy-a"][^1]);
        Assert.Equal(["ClusterIP"], rows["service/svc-a"].Skip(1).Take(1));
        Assert.Contains("80/TCP", rows["service/svc-a"]);
        Assert.Equal("10.0.0.1:8080", rows["endpoints/ep-a"][1]);
        Assert.Equal(["secret/secret-a", "Opaque", "1"], rows["secret/secret-a"].Take(3));
        Assert.Equal("worker", rows["node/node-a"][2]);
    }

    [Fact]
    public async Task Describe_works_for_every_kind()
    {
        var r = (await fx.Kubectl(["describe", .. Refs])).EnsureSuccess();
        foreach (var (reference, _, _) in Kinds)
        {
            var name = reference[(reference.IndexOf('/', StringComparison.Ordinal) + 1)..];
            Assert.Matches($@"(?m)^Name:\s+{System.Text.RegularExpressions.Regex.Escape(name)}$", r.Stdout);
        }
        Assert.Contains("Selector:", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_json_and_yaml_return_the_objects()
    {
        var json = (await fx.Kubectl(["get", "-o", "json", .. Refs])).EnsureSuccess();
        var list = JsonNode.Parse(json.Stdout)!;
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        var items = list["items"]!.AsArray();
        Assert.Equal(Kinds.Length, items.Count);
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrEmpty(item!["metadata"]!["uid"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(item["apiVersion"]!.GetValue<string>()));
        }
        var yaml = (await fx.Kubectl("get", "deployment", "deploy-a", "-o", "yaml")).EnsureSuccess();
        Assert.Contains("kind: Deployment", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("name: deploy-a", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("image: nginx:1.27", yaml.Stdout, StringComparison.Ordinal);
        var jsonpath = (await fx.Kubectl("get", "cm", "cm-a", "-o", "jsonpath={.data.key}")).EnsureSuccess();
        Assert.Equal("value", jsonpath.Stdout);
        var secret = (await fx.Kubectl("get", "secret", "secret-a", "-o", "jsonpath={.data.password}|{.stringData}")).EnsureSuccess();
        Assert.Equal(Convert.ToBase64String("s3cret"u8.ToArray()) + "|", secret.Stdout);
    }

    [Fact]
    public async Task Get_watch_sees_create_update_and_delete()
    {
        // The initial list prints the existing object; the watch then resumes from the list's resourceVersion,
        // so every change made after that line appears, however late the watch request itself arrives.
        (await fx.Run(fx.KubeconfigPath, ConfigMap("seed", "a: \"1\""), null, "create", "-f", "-")).EnsureSuccess();
        await using var watch = KubectlStream.Start(fx, "get", "configmaps", "-n", "printing-ns", "-w", "--output-watch-events");
        await watch.WaitForLine(l => l.StartsWith("ADDED", StringComparison.Ordinal) && l.Contains("seed", StringComparison.Ordinal), "the initial list");
        (await fx.Run(fx.KubeconfigPath, ConfigMap("watched", "a: \"1\""), null, "create", "-f", "-")).EnsureSuccess();
        await watch.WaitForLine(l => l.StartsWith("ADDED", StringComparison.Ordinal) && l.Contains("watched", StringComparison.Ordinal), "ADDED watched");
        (await fx.Run(fx.KubeconfigPath, ConfigMap("watched", "a: \"2\"\n  b: \"3\""), null, "replace", "-f", "-")).EnsureSuccess();
        await watch.WaitForLine(l => l.StartsWith("MODIFIED", StringComparison.Ordinal) && l.Contains("watched", StringComparison.Ordinal), "MODIFIED watched");
        (await fx.Kubectl("delete", "configmap", "watched", "-n", "printing-ns")).EnsureSuccess();
        await watch.WaitForLine(l => l.StartsWith("DELETED", StringComparison.Ordinal) && l.Contains("watched", StringComparison.Ordinal), "DELETED watched");
        var header = watch.Lines.First(l => l.StartsWith("EVENT", StringComparison.Ordinal));
        Assert.Equal(["EVENT", "NAME", "DATA", "AGE"], KubectlOutput.Columns(header));
    }

    private static string ConfigMap(string name, string data) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: printing-ns\ndata:\n  {data}\n";

    private static void AssertTables(string stdout, bool wide)
    {
        var tables = KubectlOutput.Tables(stdout);
        Assert.Equal(Kinds.Length, tables.Count);
        foreach (var (reference, columns, wideColumns) in Kinds)
        {
            // Event rows start with LAST SEEN, not the name: they are told apart by their reason.
            var marker = reference switch { "event/ev-a" => "Testing", "event.events.k8s.io/evk-a" => "Tested", _ => null };
            var table = tables.SingleOrDefault(t => t.Rows.Count > 0 && (marker is null ? t.Rows[0][0] == reference : t.Rows[0].Contains(marker)));
            Assert.True(table is not null, $"no table for {reference} in:\n{stdout}");
            string[] expected = wide ? [.. columns, .. wideColumns] : columns;
            if (columns[0] == "LAST SEEN" && wide) expected = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"];
            Assert.Equal(expected, table.Headers);
        }
    }
}
