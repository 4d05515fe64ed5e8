using BenchmarkDotNet.Attributes;
using Dashboard.Kubernetes.Client;

namespace Dashboard.Benchmarks;

/// <summary>Decoding of pod watch events as they come off the wire: events per second and bytes allocated per event.</summary>
[MemoryDiagnoser]
public class WatchDecodingBenchmark
{
    private byte[][] _lines = [];

    [Params(1000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup() => _lines = Enumerable.Range(0, Events).Select(i => System.Text.Encoding.UTF8.GetBytes(PodEventLine(i))).ToArray();

    [Benchmark(Description = "decode pod watch events")]
    public int Decode()
    {
        var n = 0;
        foreach (var line in _lines)
            if (KubeApiClient.Decode(line).Object is not null) n++;
        return n;
    }

    /// <summary>A realistic MODIFIED event for a running pod of a Deployment (about 3 KB, like kubectl shows them).</summary>
    internal static string PodEventLine(int i) =>
        $$$$"""
        {"type":"MODIFIED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-7d4b9c8f6d-{{{{i:x5}}}}","generateName":"web-7d4b9c8f6d-","namespace":"shop","uid":"8e0b5f3a-1c2d-4e5f-9a8b-{{{{i:x12}}}}","resourceVersion":"{{100000 + i}}","creationTimestamp":"2026-11-21T10:00:00Z","labels":{"app":"web","pod-template-hash":"7d4b9c8f6d","tier":"frontend"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T09:00:00Z"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d4b9c8f6d","uid":"1a2b3c4d-0000-4000-8000-000000000001","controller":true,"blockOwnerDeletion":true}]},"spec":{"volumes":[{"name":"kube-api-access-x1","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}}],"defaultMode":420}}],"containers":[{"name":"web","image":"nginx:1.27","ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],"env":[{"name":"MODE","value":"production"},{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},"volumeMounts":[{"name":"kube-api-access-x1","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],"livenessProbe":{"httpGet":{"path":"/healthz","port":80,"scheme":"HTTP"},"initialDelaySeconds":5,"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"readinessProbe":{"httpGet":{"path":"/ready","port":80,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":5,"successThreshold":1,"failureThreshold":3},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","serviceAccount":"default","nodeName":"worker-{{{{i % 500}}}}","securityContext":{},"schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},"status":{"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True","lastTransitionTime":"2026-11-21T10:00:02Z"},{"type":"Initialized","status":"True","lastTransitionTime":"2026-11-21T10:00:00Z"},{"type":"Ready","status":"True","lastTransitionTime":"2026-11-21T10:00:05Z"},{"type":"ContainersReady","status":"True","lastTransitionTime":"2026-11-21T10:00:05Z"},{"type":"PodScheduled","status":"True","lastTransitionTime":"2026-11-21T10:00:00Z"}],"hostIP":"10.0.0.{{{{i % 250}}}}","podIP":"10.244.{{{{i % 250}}}}.{{{{i % 200}}}}","podIPs":[{"ip":"10.244.{{{{i % 250}}}}.{{{{i % 200}}}}"}],"startTime":"2026-11-21T10:00:00Z","containerStatuses":[{"name":"web","state":{"running":{"startedAt":"2026-11-21T10:00:03Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"docker.io/library/nginx:1.27","imageID":"docker.io/library/nginx@sha256:0b9f1a","containerID":"containerd://{{{{i:x16}}}}","started":true}],"qosClass":"Burstable"}}}
        """;
}
