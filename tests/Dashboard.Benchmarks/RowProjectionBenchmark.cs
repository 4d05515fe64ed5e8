using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Dashboard.Core.Projections;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Benchmarks;

/// <summary>
/// Projecting a 30,000-pod list to rows (what the pods page does for its first snapshot): kubectl's status rules,
/// restarts with their time, QoS, labels. Pods vary between running, crash-looping and initializing.
/// </summary>
[MemoryDiagnoser]
public class RowProjectionBenchmark
{
    private const string Running = """
        {"metadata":{"name":"web-{0}","namespace":"ns-{1}","uid":"u-{0}","creationTimestamp":"2026-11-20T00:00:00Z","labels":{"app":"web","pod-template-hash":"abc"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-abc","uid":"rs","controller":true}]},
         "spec":{"nodeName":"node-{1}","containers":[{"name":"app","image":"nginx:1.27","resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"memory":"256Mi"}}}]},
         "status":{"phase":"Running","podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.1"}],"qosClass":"Burstable","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
           "containerStatuses":[{"name":"app","ready":true,"restartCount":2,"state":{"running":{"startedAt":"2026-11-21T00:00:00Z"}},
             "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2026-11-21T00:00:00Z"}}}]}}
        """;

    private const string Crashing = """
        {"metadata":{"name":"job-{0}","namespace":"ns-{1}","uid":"u-{0}","creationTimestamp":"2026-11-20T00:00:00Z"},
         "spec":{"nodeName":"node-{1}","initContainers":[{"name":"init","image":"busybox"}],"containers":[{"name":"app","image":"app:1"}]},
         "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
           "initContainerStatuses":[{"name":"init","ready":true,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
           "containerStatuses":[{"name":"app","ready":false,"restartCount":7,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
             "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","finishedAt":"2026-11-21T12:00:00Z"}}}]}}
        """;

    private readonly DateTimeOffset _now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private List<KubeObject> _pods = [];

    [GlobalSetup]
    public void Setup() => _pods = Enumerable.Range(0, 30_000)
        .Select(i => new KubeObject(JsonNode.Parse((i % 10 == 0 ? Crashing : Running).Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{1}", (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject()))
        .ToList();

    [Benchmark]
    public int ThirtyThousandPodRows()
    {
        var failed = 0;
        foreach (var pod in _pods)
            if (PodRow.From(pod, _now).Health == RowHealth.Failed) failed++;
        return failed;
    }
}
