using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator;

namespace Dashboard.E2E;

/// <summary>Reads the emulator's store directly: the truth the UI's actions are checked against.</summary>
public sealed class ClusterState(KubeEmulator emulator)
{
    public JsonObject? Get(string group, string plural, string? ns, string name) =>
        emulator.Context.Store.Get(emulator.Context.Type(group, plural), ns ?? "", name) is { } o ? JsonNode.Parse(o.Bytes)!.AsObject() : null;

    public IReadOnlyList<JsonObject> List(string group, string plural, string? ns) =>
        emulator.Context.Store.List(emulator.Context.Type(group, plural), ns).Items.Select(o => JsonNode.Parse(o.Bytes)!.AsObject()).ToList();

    /// <summary>Waits (up to 20 s) until the condition holds on the stored objects, then returns; fails with the message otherwise.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the cluster never reached: " + what);
            await Task.Delay(100);
        }
    }
}
