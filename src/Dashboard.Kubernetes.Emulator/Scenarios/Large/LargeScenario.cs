using System.Diagnostics;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Microsoft.Extensions.Logging;

namespace Dashboard.Kubernetes.Emulator.Scenarios.Large;

/// <summary>A pod the churn generator may touch, and where it runs.</summary>
internal sealed record LargePod(string Namespace, string Name, int Workload, string Node, string HostIp);

/// <summary>
/// A big cluster for performance work: <see cref="EmulatorOptions.LargeNodes"/> nodes and
/// <see cref="EmulatorOptions.LargePods"/> pods, already bound and Running, owned by a few hundred ReplicaSets across
/// ~50 namespaces, plus an optional churn generator (<see cref="EmulatorOptions.ChurnPerSecond"/>).
/// Objects are complete when built, so they go straight into storage: the write pipeline's defaulting and admission
/// would only cost start-up time for 30,000 objects nobody is waiting on.
/// </summary>
internal sealed class LargeScenario : IScenario
{
    public string Name => "large";
    public string Description => "many nodes and Running pods (--nodes, --pods) with optional churn (--churn)";

    public void Load(EmulatorContext context)
    {
        var clock = Stopwatch.StartNew();
        var options = context.Options;
        var random = new Random(20_241_121);
        var builder = new LargeClusterBuilder(random);
        var now = context.Clock.GetUtcNow();
        var nodesType = context.Type("", "nodes");
        var podsType = context.Type("", "pods");
        var rsType = context.Type("apps", "replicasets");

        var nodeCount = Math.Max(1, options.LargeNodes);
        var controlPlanes = nodeCount >= 100 ? 3 : nodeCount >= 3 ? 1 : 0;
        var workers = new List<(string Name, string Ip)>();
        for (var i = 0; i < nodeCount; i++)
        {
            var controlPlane = i < controlPlanes;
            var name = controlPlane ? $"control-plane-{i + 1}" : $"worker-{i - controlPlanes + 1:D4}";
            var node = LargeNodeBuilder.Build(name, i, controlPlane, now.AddDays(-45));
            Stamp(node, now.AddDays(-45).AddMinutes(i));
            context.Store.Create(nodesType, node);
            if (!controlPlane) workers.Add((name, node.Items("status.addresses").First().Str("address")!));
        }

        var podCount = Math.Max(0, options.LargePods);
        var namespaces = LargeCatalog.Namespaces.Take(Math.Clamp(podCount / 20, 1, LargeCatalog.Namespaces.Length)).ToList();
        foreach (var ns in namespaces)
        {
            context.Api.Create(context.Type("", "namespaces"), "", new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns, ["team"] = ns.Split('-')[0] } },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            }, UserInfo.System);
        }

        var workloads = new List<LargeWorkload>();
        var pods = new List<LargePod>(podCount);
        var rsCount = Math.Clamp(podCount / 100, 1, 400);
        var podIndex = 0;
        for (var r = 0; r < rsCount && podCount > 0; r++)
        {
            var ns = namespaces[r % namespaces.Count];
            var workload = builder.Workload(ns, r / namespaces.Count);
            var replicas = podCount / rsCount + (r < podCount % rsCount ? 1 : 0);
            var created = now.AddDays(-1 - random.Next(30)).AddSeconds(-random.Next(86_400));
            var rs = builder.ReplicaSet(workload, replicas, created);
            context.Store.Create(rsType, rs);
            workloads.Add(workload);
            for (var p = 0; p < replicas; p++, podIndex++)
            {
                var (node, ip) = workers.Count > 0 ? workers[podIndex % workers.Count] : ("control-plane-1", "10.0.0.2");
                var pod = builder.Pod(workload, node, ip, podIndex, created.AddSeconds(1 + p % 7));
                context.Store.Create(podsType, pod);
                pods.Add(new LargePod(ns, pod.Name(), workloads.Count - 1, node, ip));
            }
        }
        context.Logger<LargeScenario>().LogInformation("large scenario: {Nodes} nodes, {ReplicaSets} ReplicaSets, {Pods} pods in {Elapsed} ms",
            nodeCount, workloads.Count, pods.Count, clock.ElapsedMilliseconds);
        if (options.ChurnPerSecond > 0 && pods.Count > 0)
            context.Controllers.Add(new LargeChurnController(context, workloads, pods));
    }

    private static void Stamp(JsonObject obj, DateTimeOffset created)
    {
        var meta = obj.Meta();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Json.Time(created);
    }
}
