using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>What every cluster has before any scenario: the system namespaces.</summary>
public static class Bootstrap
{
    /// <summary>Bootstrap hooks that modules add (bootstrap RBAC roles, default service accounts...).</summary>
    public static void Load(EmulatorContext context)
    {
        var ns = context.Type("", "namespaces");
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            context.Api.Create(ns, "", new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
                },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            }, UserInfo.System);
        }
        foreach (var hook in context.BootstrapHooks) hook(context);
    }
}
