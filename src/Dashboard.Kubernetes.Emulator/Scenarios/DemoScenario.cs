using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>
/// A small but realistic production-like cluster: three nodes, four team namespaces with typical workloads and
/// policies, deliberately broken workloads for every failure mode, and three users with different rights.
/// Everything is written through the API, so admission (defaults, allocation, quota) applies as for kubectl.
/// </summary>
internal sealed class DemoScenario : IScenario
{
    public const string Developer = "developer";
    public const string Viewer = "viewer";

    public static readonly DemoNodes.Spec[] Nodes =
    [
        new("demo-control-plane", "172.18.0.2", "10.244.0.0/24", 4, 8_148_172, ControlPlane: true),
        new("demo-worker", "172.18.0.3", "10.244.1.0/24", 8, 16_323_140, ControlPlane: false),
        new("demo-worker2", "172.18.0.4", "10.244.2.0/24", 8, 16_323_140, ControlPlane: false),
    ];

    private static readonly string[] ControlPlaneComponents = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

    public string Name => "demo";
    public string Description => "3 nodes, shop/payments/monitoring/data namespaces, failing workloads, users admin/developer/viewer";

    public void Load(EmulatorContext context)
    {
        var now = Json.Time(context.Clock.GetUtcNow());
        var nodes = context.Type("", "nodes");
        var nodeObjects = Nodes.Select(n => Create(context, nodes, "", DemoNodes.Build(n, now))).ToList();
        foreach (var yaml in new[] { DemoClusterManifests.Yaml, DemoShopManifests.Yaml, DemoPaymentsManifests.Yaml, DemoDataManifests.Yaml })
            LoadYaml(context, yaml);
        var controlPlane = nodeObjects[0];
        if (controlPlane is not null)
            foreach (var component in ControlPlaneComponents) Create(context, context.Type("", "pods"), "kube-system", StaticPod(component, controlPlane));
        context.Users.Add(Developer);
        context.Users.Add(Viewer);
    }

    /// <summary>Creates every document of a YAML stream through the API (objects that already exist are left alone).</summary>
    public static void LoadYaml(EmulatorContext context, string yaml)
    {
        foreach (var doc in Yaml.ParseAll(yaml).OfType<JsonObject>())
        {
            var rt = context.Api.TypeOf(doc.Str("apiVersion") ?? "", doc.Str("kind") ?? "");
            Create(context, rt, doc.Namespace(), doc);
        }
    }

    private static JsonObject? Create(EmulatorContext context, ResourceType rt, string ns, JsonObject obj)
    {
        try
        {
            return context.Api.Create(rt, ns, obj, UserInfo.System);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Another module's bootstrap may already provide it (system priority classes, for instance).
            return null;
        }
    }

    /// <summary>A mirror pod of a kubeadm static pod manifest, owned by its node as the kubelet makes them.</summary>
    private static JsonObject StaticPod(string component, JsonObject node)
    {
        var image = component == "etcd" ? "registry.k8s.io/etcd:3.5.16-0" : $"registry.k8s.io/{component}:v1.32.4";
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{component}-{node.Name()}",
                ["namespace"] = "kube-system",
                ["labels"] = new JsonObject { ["component"] = component, ["tier"] = "control-plane" },
                ["annotations"] = new JsonObject
                {
                    ["kubernetes.io/config.source"] = "file",
                    ["kubernetes.io/config.hash"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant(),
                },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Node",
                    ["name"] = node.Name(),
                    ["uid"] = node.Uid(),
                    ["controller"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = node.Name(),
                ["hostNetwork"] = true,
                ["priorityClassName"] = "system-node-critical",
                ["priority"] = 2000001000,
                ["tolerations"] = new JsonArray(new JsonObject { ["operator"] = "Exists", ["effect"] = "NoExecute" }),
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = component,
                    ["image"] = image,
                    ["command"] = new JsonArray(component),
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = component == "kube-apiserver" ? "250m" : "100m" } },
                }),
            },
        };
    }
}
