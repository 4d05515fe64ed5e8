namespace Dashboard.Kubernetes.Emulator.Tests.Workloads;

/// <summary>An emulator with nodes, scheduler and kubelet (TimeScale 0.05), for workload controller tests driven by kubectl.</summary>
public sealed class WorkloadFixture : NodesFixture
{
    /// <summary>Creates objects from a YAML manifest with kubectl.</summary>
    public async Task<KubectlResult> Create(string yaml, params string[] extra) =>
        (await Run(KubeconfigPath, yaml, null, ["create", "-f", "-", "--validate=false", .. extra])).EnsureSuccess();

    /// <summary>Runs kubectl and returns trimmed stdout, failing on a non-zero exit.</summary>
    public async Task<string> Out(params string[] args) => (await Kubectl(args)).EnsureSuccess().Stdout.Trim();

    /// <summary>Waits until a kubectl query prints the expected text.</summary>
    public Task WaitFor(string expected, params string[] args) =>
        Eventually(async () => (await Kubectl(args)).Stdout.Trim() == expected, $"`kubectl {string.Join(' ', args)}` to print {expected}");
}
