using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scenarios.Large;

/// <summary>One ReplicaSet's identity and pod template facts, shared by the loader and the churn generator.</summary>
internal sealed record LargeWorkload(string Namespace, string Name, string Uid, string App, string Hash, string Image, string Container,
    string Cpu, string Memory, string MemoryLimit, int Port);

/// <summary>Builds the large scenario's ReplicaSets and already-running pods as complete API objects.</summary>
internal sealed class LargeClusterBuilder(Random random)
{
    public string Suffix(int length)
    {
        Span<char> s = stackalloc char[length];
        for (var i = 0; i < length; i++) s[i] = LargeCatalog.NameAlphabet[random.Next(LargeCatalog.NameAlphabet.Length)];
        return new string(s);
    }

    public LargeWorkload Workload(string ns, int index)
    {
        var app = LargeCatalog.Apps[index % LargeCatalog.Apps.Length] + (index >= LargeCatalog.Apps.Length ? "-" + (index / LargeCatalog.Apps.Length + 1).ToString(CultureInfo.InvariantCulture) : "");
        var hash = Suffix(10);
        var t = LargeCatalog.Templates[random.Next(LargeCatalog.Templates.Length)];
        string Fill(string s) => s.Replace("{ns}", ns, StringComparison.Ordinal).Replace("{app}", app, StringComparison.Ordinal)
            .Replace("{v}", random.Next(1, 20).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return new LargeWorkload(ns, $"{app}-{hash}", Guid.NewGuid().ToString(), app, hash, Fill(t.Image), Fill(t.Container), t.Cpu, t.Memory, t.MemoryLimit, t.Port);
    }

    private static JsonObject Labels(LargeWorkload w) => new() { ["app"] = w.App, ["pod-template-hash"] = w.Hash };

    private static JsonObject ContainerSpec(LargeWorkload w) => new()
    {
        ["name"] = w.Container,
        ["image"] = w.Image,
        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = w.Port, ["protocol"] = "TCP" }),
        ["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = w.Cpu, ["memory"] = w.Memory },
            ["limits"] = new JsonObject { ["memory"] = w.MemoryLimit },
        },
        ["terminationMessagePath"] = "/dev/termination-log",
        ["terminationMessagePolicy"] = "File",
        ["imagePullPolicy"] = "IfNotPresent",
    };

    public JsonObject ReplicaSet(LargeWorkload w, int replicas, DateTimeOffset created) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "ReplicaSet",
        ["metadata"] = new JsonObject
        {
            ["name"] = w.Name,
            ["namespace"] = w.Namespace,
            ["uid"] = w.Uid,
            ["creationTimestamp"] = Json.Time(created),
            ["generation"] = 1,
            ["labels"] = Labels(w),
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = Labels(w) },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = Labels(w) },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(ContainerSpec(w)),
                    ["restartPolicy"] = "Always",
                    ["terminationGracePeriodSeconds"] = 30,
                    ["dnsPolicy"] = "ClusterFirst",
                    ["schedulerName"] = "default-scheduler",
                },
            },
        },
        ["status"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["fullyLabeledReplicas"] = replicas,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["observedGeneration"] = 1,
        },
    };

    /// <summary>A pod bound to <paramref name="node"/> and Running since shortly after <paramref name="created"/>.</summary>
    public JsonObject Pod(LargeWorkload w, string node, string hostIp, int podIndex, DateTimeOffset created)
    {
        var name = $"{w.Name}-{Suffix(5)}";
        var started = created.AddSeconds(3 + random.Next(8));
        var podIp = $"10.{64 + (podIndex >> 16) % 64}.{(podIndex >> 8) & 255}.{podIndex & 255}";
        var restarts = random.Next(200) == 0 ? 1 + random.Next(6) : 0;
        var status = new JsonObject
        {
            ["name"] = w.Container,
            ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Json.Time(restarts > 0 ? started.AddHours(restarts) : started) } },
            ["lastState"] = restarts == 0 ? new JsonObject() : new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = random.Next(2) == 0 ? 137 : 1,
                    ["reason"] = random.Next(2) == 0 ? "OOMKilled" : "Error",
                    ["startedAt"] = Json.Time(started.AddHours(restarts - 1)),
                    ["finishedAt"] = Json.Time(started.AddHours(restarts).AddSeconds(-12)),
                    ["containerID"] = "containerd://" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                },
            },
            ["ready"] = true,
            ["restartCount"] = restarts,
            ["image"] = w.Image.Contains('/', StringComparison.Ordinal) ? w.Image : "docker.io/library/" + w.Image,
            ["imageID"] = "sha256:" + w.Uid.Replace("-", "", StringComparison.Ordinal) + w.Uid.Replace("-", "", StringComparison.Ordinal),
            ["containerID"] = "containerd://" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            ["started"] = true,
        };
        var t = Json.Time(started);
        JsonObject Condition(string type) => new() { ["type"] = type, ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = t };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["generateName"] = w.Name + "-",
                ["namespace"] = w.Namespace,
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = Json.Time(created),
                ["labels"] = Labels(w),
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "ReplicaSet",
                    ["name"] = w.Name,
                    ["uid"] = w.Uid,
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(ContainerSpec(w)),
                ["restartPolicy"] = "Always",
                ["terminationGracePeriodSeconds"] = 30,
                ["dnsPolicy"] = "ClusterFirst",
                ["serviceAccountName"] = "default",
                ["serviceAccount"] = "default",
                ["nodeName"] = node,
                ["securityContext"] = new JsonObject(),
                ["schedulerName"] = "default-scheduler",
                ["tolerations"] = new JsonArray(
                    new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 },
                    new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 }),
                ["priority"] = 0,
                ["enableServiceLinks"] = true,
                ["preemptionPolicy"] = "PreemptLowerPriority",
            },
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(Condition("PodReadyToStartContainers"), Condition("Initialized"), Condition("Ready"), Condition("ContainersReady"), Condition("PodScheduled")),
                ["hostIP"] = hostIp,
                ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp }),
                ["podIP"] = podIp,
                ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
                ["startTime"] = Json.Time(created),
                ["containerStatuses"] = new JsonArray(status),
                ["qosClass"] = "Burstable",
            },
        };
    }
}
