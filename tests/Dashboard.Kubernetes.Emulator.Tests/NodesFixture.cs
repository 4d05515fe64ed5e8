using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>An emulator with a control plane and three workers (2 CPU, 4Gi each), for scheduling and kubelet tests.</summary>
public class NodesFixture : EmulatorFixture
{
    /// <summary>Worker node names.</summary>
    public static readonly string[] Workers = ["worker-1", "worker-2", "worker-3"];

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var nodes = Emulator.Context.Type("", "nodes");
        Emulator.Context.Api.Create(nodes, "", NodeTemplate.ControlPlane("control-plane", index: 0), UserInfo.System);
        for (var i = 0; i < Workers.Length; i++)
            Emulator.Context.Api.Create(nodes, "", NodeTemplate.Create(Workers[i], "2", "4Gi", 110, index: i + 1), UserInfo.System);
    }

    /// <summary>Gets an object as JSON through kubectl.</summary>
    public async Task<JsonObject> GetJson(params string[] args)
    {
        var r = (await Kubectl([.. args, "-o", "json"])).EnsureSuccess();
        return (JsonObject)JsonNode.Parse(r.Stdout)!;
    }
}
