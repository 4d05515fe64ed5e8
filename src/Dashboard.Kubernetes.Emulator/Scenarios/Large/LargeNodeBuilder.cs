using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Kubelet;

namespace Dashboard.Kubernetes.Emulator.Scenarios.Large;

/// <summary>
/// Node sizes and zones of the large scenario (a mix of 8- and 16-core workers, three zones); the Node objects
/// themselves come from <see cref="NodeTemplate"/>, like every other node the emulator makes.
/// </summary>
internal static class LargeNodeBuilder
{
    public static JsonObject Build(string name, int index, bool controlPlane, DateTimeOffset created)
    {
        var cpu = controlPlane ? 4 : index % 3 == 0 ? 16 : 8;
        var memory = controlPlane ? "16Gi" : cpu == 16 ? "64Gi" : "32Gi";
        var node = controlPlane
            ? NodeTemplate.ControlPlane(name, "4", memory, index)
            : NodeTemplate.Create(name, cpu.ToString(CultureInfo.InvariantCulture), memory, labels: new Dictionary<string, string>
            {
                ["topology.kubernetes.io/zone"] = "zone-" + (char)('a' + index % 3),
                ["node.kubernetes.io/instance-type"] = $"standard-{cpu}",
            }, index: index);
        node.Meta()["creationTimestamp"] = Json.Time(created);
        return node;
    }
}
