using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>
/// Creates pods with a status written directly (as the kubelet would), so that log, exec and metrics tests do not
/// depend on the simulated kubelet's timing. Their fixtures run without controllers.
/// </summary>
internal static class StreamsPods
{
    public static JsonObject Container(string name, string image, string[]? command = null, JsonObject? resources = null, JsonArray? env = null)
    {
        var c = new JsonObject { ["name"] = name, ["image"] = image };
        if (command is not null) c["command"] = new JsonArray(command.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        if (resources is not null) c["resources"] = resources;
        if (env is not null) c["env"] = env;
        return c;
    }

    public static JsonObject Running(string name, DateTimeOffset started, int restarts = 0, JsonObject? lastTerminated = null) => new()
    {
        ["name"] = name,
        ["ready"] = true,
        ["started"] = true,
        ["restartCount"] = restarts,
        ["image"] = "image",
        ["imageID"] = "",
        ["containerID"] = "containerd://" + Guid.NewGuid().ToString("N"),
        ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Json.Time(started) } },
        ["lastState"] = lastTerminated is null ? new JsonObject() : new JsonObject { ["terminated"] = lastTerminated },
    };

    public static JsonObject Waiting(string name, string reason) => new()
    {
        ["name"] = name,
        ["ready"] = false,
        ["restartCount"] = 0,
        ["image"] = "image",
        ["imageID"] = "",
        ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason } },
        ["lastState"] = new JsonObject(),
    };

    public static JsonObject Terminated(DateTimeOffset started, DateTimeOffset finished, int exitCode, string reason) => new()
    {
        ["exitCode"] = exitCode,
        ["reason"] = reason,
        ["startedAt"] = Json.Time(started),
        ["finishedAt"] = Json.Time(finished),
        ["containerID"] = "containerd://" + Guid.NewGuid().ToString("N"),
    };

    /// <summary>Creates a pod on <paramref name="node"/> and writes its status through the status subresource.</summary>
    public static JsonObject Create(EmulatorContext context, string ns, string name, JsonObject[] containers, JsonObject[] statuses, string node = "node-1", string phase = "Running")
    {
        var pods = context.Type("", "pods");
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = node,
                ["containers"] = new JsonArray(containers.Select(c => (JsonNode)c).ToArray()),
            },
        };
        var created = context.Api.Create(pods, ns, pod, UserInfo.System);
        created["status"] = new JsonObject
        {
            ["phase"] = phase,
            ["podIP"] = "10.244.1.17",
            ["hostIP"] = "10.0.0.11",
            ["startTime"] = statuses.Select(s => s.Str("state.running.startedAt")).FirstOrDefault(s => s is not null) ?? Json.Time(DateTimeOffset.UtcNow),
            ["containerStatuses"] = new JsonArray(statuses.Select(s => (JsonNode)s).ToArray()),
        };
        return context.Api.Update(pods, ns, name, created, UserInfo.System, new WriteOptions { Subresource = "status" });
    }
}

/// <summary>An emulator without controllers: tests own every pod status.</summary>
public sealed class StreamsFixture : EmulatorFixture
{
    /// <inheritdoc />
    protected override EmulatorOptions Options => new() { Scenario = "empty", TimeScale = 0.05, RunControllers = false };
}
