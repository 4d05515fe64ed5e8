using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Server;
using Dashboard.Kubernetes.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Metrics;

/// <summary>
/// metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics (get and list with label and field selectors), computed from the
/// stored nodes and running pods by <see cref="UsageModel"/> at the latest 15-second "scrape".
/// </summary>
internal sealed class MetricsHandlers(EmulatorContext context)
{
    private const string Window = "10s";
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(15);

    private ResourceType Pods => context.Type("", "pods");
    private ResourceType Nodes => context.Type("", "nodes");

    private DateTimeOffset ScrapeTime()
    {
        var now = context.Clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % ScrapeInterval.Ticks, TimeSpan.Zero);
    }

    public Task NodesAsync(ApiRequest request)
    {
        var rt = request.Info.Type!;
        CheckVerb(request, rt);
        var at = ScrapeTime();
        var perNode = new Dictionary<string, Usage>(StringComparer.Ordinal);
        foreach (var pod in context.Store.List(Pods, null).Items)
        {
            if (UsageModel.Profile(pod) is not { } profile || profile.NodeName.Length == 0) continue;
            var sum = perNode.GetValueOrDefault(profile.NodeName);
            foreach (var c in profile.Containers) sum += UsageModel.Container(c, at);
            perNode[profile.NodeName] = sum;
        }
        JsonObject Item(StoredObject node)
        {
            var usage = perNode.GetValueOrDefault(node.Name) + UsageModel.NodeOverhead(node.Name, at);
            return new JsonObject
            {
                ["kind"] = rt.Kind,
                ["apiVersion"] = rt.ApiVersion,
                ["metadata"] = Metadata(node, at),
                ["timestamp"] = Json.Time(at),
                ["window"] = Window,
                ["usage"] = UsageJson(usage),
            };
        }
        if (request.Info.Name.Length > 0 && request.Info.HasNameInPath)
        {
            var node = context.Store.Get(Nodes, "", request.Info.Name) ?? throw NotFound("nodemetrics", request.Info.Name);
            return request.WriteAsync(200, Item(node));
        }
        var filter = Filter(request, Nodes);
        var items = context.Store.List(Nodes, null, filter: filter).Items.Select(n => (JsonNode)Item(n)).ToArray();
        return request.WriteAsync(200, List(rt, items));
    }

    public Task PodsAsync(ApiRequest request)
    {
        var rt = request.Info.Type!;
        CheckVerb(request, rt);
        var at = ScrapeTime();
        var ns = request.Info.Namespace;
        JsonObject? Item(StoredObject pod)
        {
            if (UsageModel.Profile(pod) is not { } profile) return null;
            return new JsonObject
            {
                ["kind"] = rt.Kind,
                ["apiVersion"] = rt.ApiVersion,
                ["metadata"] = Metadata(pod, at),
                ["timestamp"] = Json.Time(at),
                ["window"] = Window,
                ["containers"] = new JsonArray(profile.Containers.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["usage"] = UsageJson(UsageModel.Container(c, at)),
                }).ToArray()),
            };
        }
        if (request.Info.Name.Length > 0 && request.Info.HasNameInPath)
        {
            var pod = context.Store.Get(Pods, ns, request.Info.Name);
            var item = pod is null ? null : Item(pod);
            return request.WriteAsync(200, item ?? throw NotFound("podmetrics", $"{ns}/{request.Info.Name}"));
        }
        var filter = Filter(request, Pods);
        var items = context.Store.List(Pods, ns.Length > 0 ? ns : null, filter: filter).Items
            .Select(Item).Where(i => i is not null).Select(i => (JsonNode)i!).ToArray();
        return request.WriteAsync(200, List(rt, items));
    }

    private static void CheckVerb(ApiRequest request, ResourceType rt)
    {
        var method = request.Http.Request.Method;
        if (!HttpMethods.IsGet(method) || request.QueryFlag("watch"))
            throw ApiException.MethodNotSupported(rt.Plural, request.QueryFlag("watch") ? "watch" : method.ToLowerInvariant());
    }

    private static Func<StoredObject, bool> Filter(ApiRequest request, ResourceType source)
    {
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), source);
        return o => labels.Matches(o.Labels) && fields.Matches(o.Fields);
    }

    private static JsonObject Metadata(StoredObject source, DateTimeOffset at)
    {
        var meta = new JsonObject { ["name"] = source.Name };
        if (source.Namespace.Length > 0) meta["namespace"] = source.Namespace;
        meta["creationTimestamp"] = Json.Time(at);
        if (source.Labels.Count > 0)
        {
            var labels = new JsonObject();
            foreach (var (k, v) in source.Labels) labels[k] = v;
            meta["labels"] = labels;
        }
        return meta;
    }

    private static JsonObject UsageJson(Usage usage) => new()
    {
        ["cpu"] = ResourceQuantity.NanoCores(usage.Cores),
        ["memory"] = ResourceQuantity.Kibibytes(usage.Bytes),
    };

    private static JsonObject List(ResourceType rt, JsonNode[] items) => new()
    {
        ["kind"] = rt.ListKind,
        ["apiVersion"] = rt.ApiVersion,
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray(items),
    };

    private static ApiException NotFound(string resource, string name) =>
        new(404, "NotFound", $"{resource}.metrics.k8s.io \"{name}\" not found",
            new JsonObject { ["name"] = name, ["group"] = "metrics.k8s.io", ["kind"] = resource });
}
