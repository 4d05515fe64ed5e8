using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The endpoints and endpointslice controllers: for every Service with a selector, the pods it selects that have an IP
/// become Endpoints addresses (ready or not ready) and EndpointSlice endpoints with ready/serving/terminating conditions.
/// </summary>
internal sealed class EndpointsController(EmulatorContext context) : ReconcilingController(context)
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    private const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    private const string ManagedBy = "endpointslice-controller.k8s.io";

    private readonly ResourceType _services = context.Type("", "services");
    private readonly ResourceType _pods = context.Type("", "pods");
    private readonly ResourceType _endpoints = context.Type("", "endpoints");
    private readonly ResourceType _slices = context.Type("discovery.k8s.io", "endpointslices");

    protected override IEnumerable<ResourceType> Watched => [_services, _pods];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var o = change.Object;
        if (o.Type.Key == _services.Key) return [o.Key];
        // A pod's labels may have changed, so every selecting Service of its namespace takes another look.
        return Context.Store.List(_services, o.Namespace).Items.Select(s => s.Key).ToList();
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        var svc = Context.Api.TryGet(_services, ns, name);
        if (svc is null)
        {
            DeleteOwned(ns, name);
            return Task.CompletedTask;
        }
        if (svc["spec"]?["selector"] is not JsonObject { Count: > 0 } selectorMap || svc.Str("spec.type") == "ExternalName")
            return Task.CompletedTask;
        var selector = LabelSelector.FromMap(Json.StringMap(selectorMap));
        var publishNotReady = svc.Bool("spec.publishNotReadyAddresses") ?? false;
        var members = Context.Api.List(_pods, ns, selector)
            .Where(p => !string.IsNullOrEmpty(p.Str("status.podIP")) && p.Str("status.phase") is not ("Succeeded" or "Failed"))
            .Select(p => EndpointMember.Of(p, svc.Items("spec.ports").ToList(), publishNotReady))
            .OrderBy(m => m.Ip, StringComparer.Ordinal)
            .ToList();
        WriteEndpoints(svc, members);
        WriteSlice(svc, members);
        return Task.CompletedTask;
    }

    private void WriteEndpoints(JsonObject svc, List<EndpointMember> members)
    {
        var ns = svc.Namespace();
        var subsets = new JsonArray();
        foreach (var group in members.Where(m => !m.Terminating || m.PublishNotReady).GroupBy(m => m.PortsKey))
        {
            var ready = group.Where(m => m.Ready || m.PublishNotReady).Select(m => m.Address()).ToList();
            var notReady = group.Where(m => !(m.Ready || m.PublishNotReady)).Select(m => m.Address()).ToList();
            var subset = new JsonObject();
            if (ready.Count > 0) subset["addresses"] = new JsonArray([.. ready]);
            if (notReady.Count > 0) subset["notReadyAddresses"] = new JsonArray([.. notReady]);
            subset["ports"] = new JsonArray([.. group.First().Ports.Select(p => p.ToEndpointPort())]);
            subsets.Add(subset);
        }
        var existing = Context.Api.TryGet(_endpoints, ns, svc.Name());
        var labels = ServiceLabels(svc);
        labels["endpoints.kubernetes.io/managed-by"] = "endpoint-controller";
        var desired = existing ?? new JsonObject { ["metadata"] = new JsonObject { ["name"] = svc.Name(), ["namespace"] = ns } };
        var unchanged = existing is not null && JsonNode.DeepEquals(existing["subsets"], subsets.Count > 0 ? subsets : null)
            && JsonNode.DeepEquals(existing.At("metadata.labels"), labels);
        if (unchanged) return;
        desired.Meta()["labels"] = labels;
        desired.Obj("metadata.annotations")["endpoints.kubernetes.io/last-change-trigger-time"] = Json.Time(Context.Clock.GetUtcNow());
        if (subsets.Count > 0) desired["subsets"] = subsets;
        else desired.Remove("subsets");
        Context.Api.Save(_endpoints, desired);
    }

    private void WriteSlice(JsonObject svc, List<EndpointMember> members)
    {
        var ns = svc.Namespace();
        var slices = Context.Api.List(_slices, ns, LabelSelector.FromMap(new Dictionary<string, string> { [ServiceNameLabel] = svc.Name(), [ManagedByLabel] = ManagedBy }));
        var slice = slices.FirstOrDefault();
        foreach (var extra in slices.Skip(1)) TryDelete(_slices, ns, extra.Name());
        var endpoints = new JsonArray([.. members.Select(m => m.SliceEndpoint())]);
        var ports = members.Count > 0 ? new JsonArray([.. members[0].Ports.Select(p => p.ToEndpointPort(sliceStyle: true))]) : null;
        var labels = ServiceLabels(svc);
        labels[ServiceNameLabel] = svc.Name();
        labels[ManagedByLabel] = ManagedBy;
        if (slice is not null
            && JsonNode.DeepEquals(slice["endpoints"], endpoints.Count > 0 ? endpoints : null)
            && JsonNode.DeepEquals(slice["ports"], ports)
            && JsonNode.DeepEquals(slice.At("metadata.labels"), labels))
            return;
        slice ??= new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["generateName"] = svc.Name() + "-",
                ["namespace"] = ns,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Service",
                    ["name"] = svc.Name(),
                    ["uid"] = svc.Uid(),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["addressType"] = "IPv4",
        };
        slice.Meta()["labels"] = labels;
        slice.Obj("metadata.annotations")["endpoints.kubernetes.io/last-change-trigger-time"] = Json.Time(Context.Clock.GetUtcNow());
        if (endpoints.Count > 0) slice["endpoints"] = endpoints;
        else slice.Remove("endpoints");
        if (ports is not null) slice["ports"] = ports;
        else slice.Remove("ports");
        if (slice.Name().Length == 0) Context.Api.Create(_slices, ns, slice, UserInfo.System);
        else Context.Api.Save(_slices, slice);
    }

    private void DeleteOwned(string ns, string name)
    {
        TryDelete(_endpoints, ns, name);
        foreach (var s in Context.Api.List(_slices, ns, LabelSelector.FromMap(new Dictionary<string, string> { [ServiceNameLabel] = name, [ManagedByLabel] = ManagedBy })))
            TryDelete(_slices, ns, s.Name());
    }

    private void TryDelete(ResourceType rt, string ns, string name)
    {
        try { Context.Api.Delete(rt, ns, name, UserInfo.System); }
        catch (ApiException e) when (e.Code == 404) { }
    }

    private static JsonObject ServiceLabels(JsonObject svc)
    {
        var labels = new JsonObject();
        foreach (var (k, v) in Json.StringMap(svc.At("metadata.labels")).OrderBy(kv => kv.Key, StringComparer.Ordinal)) labels[k] = v;
        return labels;
    }
}
