using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The serviceaccount and root-ca-cert-publisher controllers: every active namespace has a <c>default</c>
/// ServiceAccount and a <c>kube-root-ca.crt</c> ConfigMap holding the cluster CA, re-created when deleted.
/// </summary>
internal sealed class ServiceAccountController(EmulatorContext context) : ReconcilingController(context)
{
    public const string RootCaName = "kube-root-ca.crt";
    private const string Description = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

    private readonly ResourceType _namespaces = context.Type("", "namespaces");
    private readonly ResourceType _accounts = context.Type("", "serviceaccounts");
    private readonly ResourceType _configMaps = context.Type("", "configmaps");

    protected override IEnumerable<ResourceType> Watched => [_namespaces, _accounts, _configMaps];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var o = change.Object;
        if (o.Type.Key == _namespaces.Key) return ["/" + o.Name];
        if (change.Type == WatchEventType.Added) return [];
        if (o.Type.Key == _accounts.Key && o.Name == "default") return ["/" + o.Namespace];
        if (o.Type.Key == _configMaps.Key && o.Name == RootCaName) return ["/" + o.Namespace];
        return [];
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (_, ns) = Split(key);
        var nsObj = Context.Api.TryGet(_namespaces, "", ns);
        if (nsObj is null || nsObj.At("metadata.deletionTimestamp") is not null) return Task.CompletedTask;
        if (Context.Api.TryGet(_accounts, ns, "default") is null)
            Context.Api.Create(_accounts, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } }, UserInfo.System);
        var cm = Context.Api.TryGet(_configMaps, ns, RootCaName);
        if (cm is null)
        {
            Context.Api.Create(_configMaps, ns, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = RootCaName,
                    ["annotations"] = new JsonObject { ["kubernetes.io/description"] = Description },
                },
                ["data"] = new JsonObject { ["ca.crt"] = Context.CaPem },
            }, UserInfo.System);
        }
        else if (Json.StringMap(cm["data"]).GetValueOrDefault("ca.crt") != Context.CaPem)
        {
            cm["data"] = new JsonObject { ["ca.crt"] = Context.CaPem };
            Context.Api.Save(_configMaps, cm);
        }
        return Task.CompletedTask;
    }
}
