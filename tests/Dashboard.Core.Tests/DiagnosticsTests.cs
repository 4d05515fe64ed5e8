using System.Text.Json.Nodes;
using Dashboard.Core.Diagnostics;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>Diagnostics on fixtures captured from the emulator's demo cluster (kubectl get -o json).</summary>
public sealed class DiagnosticsTests
{
    private static KubeObject Fixture(string name) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!.AsObject());

    private static IEnumerable<KubeObject> Items(string name) =>
        (Fixture(name).Json["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new KubeObject(o));

    [Fact]
    public void An_image_that_cannot_be_pulled_is_named_with_the_kubelets_message()
    {
        var f = Assert.Single(PodDiagnostics.Diagnose(Fixture("pod-recommendations")));
        Assert.Equal(("ImagePullBackOff", Severity.Error, "recommendations"), (f.Code, f.Severity, f.Container));
        Assert.Contains("recommendations:doesnotexist", f.Summary);
        Assert.Contains("failed to resolve reference", f.Detail);
    }

    [Fact]
    public void A_daemon_set_is_judged_by_its_nodes_not_by_replicas()
    {
        // A DaemonSet has no spec.replicas or status.readyReplicas: read as a Deployment, every one looked 0 of 1 ready.
        foreach (var ds in Items("demo-daemonsets"))
        {
            Assert.Empty(ObjectDiagnostics.DaemonSet(ds));
            Assert.NotEmpty(ObjectDiagnostics.Workload(ds)); // the reason the kinds need their own rule
        }

        var partly = Items("demo-daemonsets").First();
        partly.Json["status"]!["numberReady"] = 1;
        var f = Assert.Single(ObjectDiagnostics.DaemonSet(partly));
        Assert.Equal(("ReplicasUnavailable", Severity.Warning), (f.Code, f.Severity));
        Assert.Contains("2 of 3 daemon pods are not ready", f.Summary);
        Assert.Equal("1 of 3 ready, 3 up to date", f.Detail);

        partly.Json["status"]!["numberReady"] = 0;
        Assert.Equal(Severity.Error, Assert.Single(ObjectDiagnostics.DaemonSet(partly)).Severity);
    }

    [Fact]
    public void A_crash_loop_reports_the_last_exit_code_and_reason()
    {
        var f = Assert.Single(PodDiagnostics.Diagnose(Fixture("pod-fraud-detector")));
        Assert.Equal("CrashLoopBackOff", f.Code);
        Assert.Contains("last exit code 1 (Error)", f.Summary);
    }

    [Fact]
    public void An_out_of_memory_loop_is_called_OOMKilled()
    {
        var f = Assert.Single(PodDiagnostics.Diagnose(Fixture("pod-ledger-worker")));
        Assert.Equal(("OOMKilled", "worker"), (f.Code, f.Container));
        Assert.Contains("more memory than its limit", f.Summary);
    }

    [Fact]
    public void An_unschedulable_pod_carries_the_schedulers_message()
    {
        var f = Assert.Single(PodDiagnostics.Diagnose(Fixture("pod-report-builder")));
        Assert.Equal("Unschedulable", f.Code);
        Assert.Contains("Insufficient cpu", f.Detail);
    }

    [Fact]
    public void A_failing_readiness_probe_is_explained_from_its_events()
    {
        var f = Assert.Single(PodDiagnostics.Diagnose(Fixture("pod-legacy-api"), Items("events-unhealthy")));
        Assert.Equal("ProbeFailing", f.Code);
        Assert.Equal("Readiness probe failed: HTTP probe failed with statuscode: 500", f.Detail);
    }

    [Fact]
    public void A_healthy_pod_has_no_findings()
    {
        Assert.Empty(PodDiagnostics.Diagnose(Fixture("pod-frontend")));
    }

    [Fact]
    public void A_deployment_short_of_ready_replicas_says_why_from_its_pods()
    {
        var f = Assert.Single(ObjectDiagnostics.Workload(Fixture("deployment-fraud-detector"), [Fixture("pod-fraud-detector")]));
        Assert.Equal(("ReplicasUnavailable", Severity.Error), (f.Code, f.Severity));
        Assert.Contains("1 of 1 replicas are not ready", f.Summary);
        Assert.Contains("keeps crashing", f.Summary);
    }

    [Fact]
    public void A_pending_claim_shows_the_provisioning_failure()
    {
        var f = Assert.Single(ObjectDiagnostics.Claim(Fixture("pvc-analytics-scratch"), Items("events-analytics-scratch")));
        Assert.Equal("ClaimPending", f.Code);
        Assert.Equal("storageclass.storage.k8s.io \"premium-ssd\" not found", f.Detail);
    }

    [Fact]
    public void Node_conditions_and_cordon_become_findings()
    {
        var node = new KubeObject(JsonNode.Parse("""
            {"metadata":{"name":"n1"},"spec":{"unschedulable":true},"status":{"conditions":[
              {"type":"Ready","status":"Unknown","message":"Kubelet stopped posting node status."},
              {"type":"DiskPressure","status":"True","message":"kubelet has disk pressure"},
              {"type":"MemoryPressure","status":"False"}]}}
            """)!.AsObject());
        Assert.Equal(["NodeNotReady", "NodePressure", "Cordoned"], ObjectDiagnostics.Node(node).Select(f => f.Code));
    }
}
