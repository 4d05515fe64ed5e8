using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Dashboard.Core.Caching;
using Dashboard.Core.Relations;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Benchmarks;

/// <summary>
/// The relations index at 30,000 pods (50 namespaces, 300 Deployments with a ReplicaSet, a Service and a ConfigMap
/// each, a NetworkPolicy per namespace): building it, answering a detail page, and following one change.
/// </summary>
[MemoryDiagnoser]
public class RelationsBenchmark
{
    private const int Pods = 30_000;
    private const int Apps = 300;
    private const int Namespaces = 50;
    private List<KubeObject> _objects = [];
    private RelationIndex _index = null!;
    private KubeObject _pod = null!;
    private KubeObject _deployment = null!;
    private KubeObject _service = null!;
    private KubeObject _config = null!;
    private KubeObject _changed = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (var a = 0; a < Apps; a++)
        {
            var ns = $"ns-{a % Namespaces}";
            var app = $"app-{a}";
            _objects.Add(Obj("apps/v1", "Deployment", ns, app, $"d-{a}", labels: new() { ["app"] = app },
                spec: new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } }, ["template"] = Template(app) }));
            _objects.Add(Obj("apps/v1", "ReplicaSet", ns, $"{app}-5d8f", $"rs-{a}", owner: ("apps/v1", "Deployment", app, $"d-{a}"),
                spec: new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app, ["pod-template-hash"] = "5d8f" } }, ["template"] = Template(app) }));
            _objects.Add(Obj("v1", "Service", ns, app, $"s-{a}", spec: new JsonObject { ["selector"] = new JsonObject { ["app"] = app } }));
            _objects.Add(Obj("v1", "ConfigMap", ns, $"{app}-config", $"c-{a}"));
        }
        for (var n = 0; n < Namespaces; n++)
            _objects.Add(Obj("networking.k8s.io/v1", "NetworkPolicy", $"ns-{n}", "default-deny", $"np-{n}", spec: new JsonObject { ["podSelector"] = new JsonObject() }));
        for (var i = 0; i < Pods; i++)
        {
            var a = i % Apps;
            _objects.Add(Pod(i, a, "Running"));
        }
        _index = RelationIndex.Of(_objects);
        _pod = _objects.First(o => o.Kind == "Pod");
        _deployment = _objects.First(o => o.Kind == "Deployment");
        _service = _objects.First(o => o.Kind == "Service");
        _config = _objects.First(o => o.Kind == "ConfigMap");
        _changed = Pod(0, 0, "Failed");
    }

    [Benchmark(Description = "build the index of 30,000 pods")]
    public int Build() => RelationIndex.Of(_objects).Count;

    [Benchmark(Description = "related of a pod")]
    public int RelatedPod() => _index.Related(_pod).Count;

    [Benchmark(Description = "related of a deployment (chain down to 100 pods)")]
    public int RelatedDeployment() => _index.Related(_deployment).Count;

    [Benchmark(Description = "related of a service (100 selected pods)")]
    public int RelatedService() => _index.Related(_service).Count;

    [Benchmark(Description = "related of a configmap (used by 100 pods)")]
    public int RelatedConfigMap() => _index.Related(_config).Count;

    [Benchmark(Description = "apply one pod change")]
    public long ApplyChange()
    {
        _index.Apply([new CacheChange(ChangeType.Modified, _changed)]);
        return _index.Version;
    }

    private static KubeObject Pod(int i, int a, string phase)
    {
        var app = $"app-{a}";
        var pod = Obj("v1", "Pod", $"ns-{a % Namespaces}", $"{app}-5d8f-{i:x5}", $"p-{i}", labels: new() { ["app"] = app, ["pod-template-hash"] = "5d8f" },
            owner: ("apps/v1", "ReplicaSet", $"{app}-5d8f", $"rs-{a}"), spec: (JsonObject)Template(app)["spec"]!.DeepClone());
        pod.Spec!["nodeName"] = $"node-{i % 500}";
        pod.Json["status"] = new JsonObject { ["phase"] = phase };
        return pod;
    }

    private static JsonObject Template(string app) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["serviceAccountName"] = "default",
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "main",
                ["image"] = "nginx",
                ["env"] = new JsonArray(new JsonObject { ["name"] = "PASSWORD", ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "db", ["key"] = "password" } } }),
            }),
            ["volumes"] = new JsonArray(
                new JsonObject { ["name"] = "config", ["configMap"] = new JsonObject { ["name"] = $"{app}-config" } },
                new JsonObject { ["name"] = "token", ["projected"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["configMap"] = new JsonObject { ["name"] = "kube-root-ca.crt" } }) } }),
        },
    };

    private static KubeObject Obj(string apiVersion, string kind, string ns, string name, string uid, Dictionary<string, string>? labels = null,
        (string ApiVersion, string Kind, string Name, string Uid)? owner = null, JsonObject? spec = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = uid };
        if (labels is not null) metadata["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        if (owner is { } o)
            metadata["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = o.ApiVersion, ["kind"] = o.Kind, ["name"] = o.Name, ["uid"] = o.Uid, ["controller"] = true,
            });
        var json = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        if (spec is not null) json["spec"] = spec;
        return new KubeObject(json);
    }

}
