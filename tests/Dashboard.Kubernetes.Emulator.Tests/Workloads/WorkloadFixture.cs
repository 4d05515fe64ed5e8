using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Tests.Workloads;

/// <summary>
/// An emulator for workload tests. Until the simulated kubelet runs pods, a stand-in marks every new pod Running and
/// Ready (pods whose restartPolicy is not Always Succeed instead), which is all the workload controllers look at.
/// </summary>
public sealed class WorkloadFixture : EmulatorFixture
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _kubelet;

    /// <summary>Pods stay Pending while this is false (to observe rollouts step by step).</summary>
    public bool RunPods { get; set; } = true;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _kubelet = Task.Run(() => StandInKubeletAsync(_stop.Token));
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_kubelet is not null) await _kubelet.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Creates objects from a YAML manifest with kubectl.</summary>
    public async Task<KubectlResult> Create(string yaml, params string[] extra) =>
        (await Run(KubeconfigPath, yaml, null, ["create", "-f", "-", "--validate=false", .. extra])).EnsureSuccess();

    /// <summary>Runs kubectl and returns trimmed stdout, failing on a non-zero exit.</summary>
    public async Task<string> Out(params string[] args) => (await Kubectl(args)).EnsureSuccess().Stdout.Trim();

    private async Task StandInKubeletAsync(CancellationToken ct)
    {
        var ctx = Emulator.Context;
        var pods = ctx.Type("", "pods");
        using var watch = ctx.Store.Watch(pods, null, null);
        try
        {
            while (await watch.Events.WaitToReadAsync(ct))
            {
                while (watch.Events.TryRead(out var e))
                {
                    if (e.Type == Storage.WatchEventType.Deleted) continue;
                    var pod = e.Object.ToJson();
                    if (pod.Str("status.phase") is not (null or "Pending")) continue;
                    if (pod.At("metadata.deletionTimestamp") is not null) continue;
                    while (!RunPods) await Task.Delay(50, ct);
                    var now = Json.Time(ctx.Clock.GetUtcNow());
                    var runs = (pod.Str("spec.restartPolicy") ?? "Always") == "Always";
                    var exit = (pod.Str("spec.containers") ?? "").Contains("exit 1", StringComparison.Ordinal);
                    pod["status"] = new JsonObject
                    {
                        ["phase"] = runs ? "Running" : exit ? "Failed" : "Succeeded",
                        ["startTime"] = now,
                        ["conditions"] = new JsonArray(new JsonObject
                        {
                            ["type"] = "Ready", ["status"] = runs ? "True" : "False", ["lastTransitionTime"] = now,
                        }),
                    };
                    try { ctx.Api.Update(pods, pod.Namespace(), pod.Name(), pod, UserInfo.System, new WriteOptions { Subresource = "status" }); }
                    catch (ApiException) { }
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
