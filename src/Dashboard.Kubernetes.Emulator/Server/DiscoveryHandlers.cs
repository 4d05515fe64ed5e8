using Microsoft.AspNetCore.Http;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>/version, health endpoints and API discovery (legacy and aggregated v2), built from the catalog.</summary>
internal sealed class DiscoveryHandlers(EmulatorContext context)
{
    /// <summary>Subresources whose kind differs from the parent's, as discovery reports them.</summary>
    private static readonly Dictionary<string, (string Group, string Version, string Kind)> SubresourceKinds = new(StringComparer.Ordinal)
    {
        ["scale"] = ("autoscaling", "v1", "Scale"),
        ["eviction"] = ("policy", "v1", "Eviction"),
        ["token"] = ("authentication.k8s.io", "v1", "TokenRequest"),
        ["binding"] = ("", "v1", "Binding"),
        ["exec"] = ("", "v1", "PodExecOptions"),
        ["attach"] = ("", "v1", "PodAttachOptions"),
        ["portforward"] = ("", "v1", "PodPortForwardOptions"),
        ["proxy"] = ("", "v1", "NodeProxyOptions"),
    };

    private static readonly Dictionary<string, string[]> SubresourceVerbs = new(StringComparer.Ordinal)
    {
        ["status"] = ["get", "patch", "update"],
        ["scale"] = ["get", "patch", "update"],
        ["log"] = ["get"],
        ["exec"] = ["create", "get"],
        ["attach"] = ["create", "get"],
        ["portforward"] = ["create", "get"],
        ["eviction"] = ["create"],
        ["binding"] = ["create"],
        ["token"] = ["create"],
        ["finalize"] = ["update"],
        ["proxy"] = ["create", "delete", "get", "patch", "update"],
        ["ephemeralcontainers"] = ["get", "patch", "update"],
    };

    public async Task<bool> TryHandleAsync(ApiRequest request, string path)
    {
        var aggregated = request.Http.Request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);
        switch (path.TrimEnd('/'))
        {
            case "/version":
                await request.WriteAsync(200, Version()).ConfigureAwait(false);
                return true;
            case "/healthz" or "/livez" or "/readyz":
                request.Http.Response.ContentType = "text/plain; charset=utf-8";
                await request.Http.Response.WriteAsync("ok", request.Aborted).ConfigureAwait(false);
                return true;
            case "/api":
                if (aggregated) await WriteAggregatedAsync(request, core: true).ConfigureAwait(false);
                else await request.WriteAsync(200, new JsonObject
                {
                    ["kind"] = "APIVersions",
                    ["versions"] = new JsonArray("v1"),
                    ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = request.Http.Request.Host.Value }),
                }).ConfigureAwait(false);
                return true;
            case "/apis":
                if (aggregated) await WriteAggregatedAsync(request, core: false).ConfigureAwait(false);
                else await request.WriteAsync(200, new JsonObject
                {
                    ["kind"] = "APIGroupList",
                    ["apiVersion"] = "v1",
                    ["groups"] = new JsonArray(context.Catalog.Groups().Select(g => (JsonNode)Group(g)).ToArray()),
                }).ConfigureAwait(false);
                return true;
        }
        var segments = path.Trim('/').Split('/');
        if (segments is ["api", var v] && context.Catalog.ServesGroupVersion("", v))
        {
            await request.WriteAsync(200, ResourceList("", v)).ConfigureAwait(false);
            return true;
        }
        if (segments is ["apis", var g] && context.Catalog.Groups().Contains(g))
        {
            await request.WriteAsync(200, Group(g, withKind: true)).ConfigureAwait(false);
            return true;
        }
        if (segments is ["apis", var g2, var v2] && context.Catalog.ServesGroupVersion(g2, v2))
        {
            await request.WriteAsync(200, ResourceList(g2, v2)).ConfigureAwait(false);
            return true;
        }
        return false;
    }

    /// <summary>The version object; minor 32 makes the kubectl dispatcher pick kubectl 1.32.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.4",
        ["gitCommit"] = "59526cd4867447956156ae3a602fcbac10a2c335",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-04-22T16:02:27Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
        ["emulation"] = "dashboard-emulator",
    };

    private JsonObject Group(string group, bool withKind = false)
    {
        var versions = context.Catalog.Versions(group);
        var o = new JsonObject();
        if (withKind)
        {
            o["kind"] = "APIGroup";
            o["apiVersion"] = "v1";
        }
        o["name"] = group;
        o["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray());
        o["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] };
        return o;
    }

    private JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var rt in context.Catalog.Types.Where(t => t.Group == group && t.Version == version))
        {
            var r = new JsonObject
            {
                ["name"] = rt.Plural,
                ["singularName"] = rt.Singular,
                ["namespaced"] = rt.Namespaced,
                ["kind"] = rt.Kind,
                ["verbs"] = new JsonArray(rt.Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (rt.ShortNames.Count > 0) r["shortNames"] = new JsonArray(rt.ShortNames.Select(s => (JsonNode)s).ToArray());
            if (rt.Categories.Count > 0) r["categories"] = new JsonArray(rt.Categories.Select(s => (JsonNode)s).ToArray());
            resources.Add(r);
            foreach (var sub in rt.Subresources)
            {
                var s = new JsonObject
                {
                    ["name"] = $"{rt.Plural}/{sub}",
                    ["singularName"] = "",
                    ["namespaced"] = rt.Namespaced,
                    ["kind"] = rt.Kind,
                    ["verbs"] = new JsonArray(Verbs(sub).Select(v => (JsonNode)v).ToArray()),
                };
                if (SubresourceKinds.TryGetValue(sub, out var k))
                {
                    s["kind"] = k.Kind;
                    if (k.Group.Length > 0) { s["group"] = k.Group; s["version"] = k.Version; }
                }
                resources.Add(s);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static string[] Verbs(string sub) => SubresourceVerbs.TryGetValue(sub, out var v) ? v : ["get"];

    private async Task WriteAggregatedAsync(ApiRequest request, bool core)
    {
        var items = new JsonArray();
        var groups = core ? [""] : context.Catalog.Groups();
        foreach (var group in groups)
        {
            var versions = new JsonArray();
            foreach (var version in context.Catalog.Versions(group))
            {
                var resources = new JsonArray();
                foreach (var rt in context.Catalog.Types.Where(t => t.Group == group && t.Version == version))
                {
                    var r = new JsonObject
                    {
                        ["resource"] = rt.Plural,
                        ["responseKind"] = new JsonObject { ["group"] = rt.Group, ["version"] = rt.Version, ["kind"] = rt.Kind },
                        ["scope"] = rt.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = rt.Singular,
                        ["verbs"] = new JsonArray(rt.Verbs.Select(v => (JsonNode)v).ToArray()),
                    };
                    if (rt.ShortNames.Count > 0) r["shortNames"] = new JsonArray(rt.ShortNames.Select(s => (JsonNode)s).ToArray());
                    if (rt.Categories.Count > 0) r["categories"] = new JsonArray(rt.Categories.Select(s => (JsonNode)s).ToArray());
                    if (rt.Subresources.Count > 0)
                    {
                        r["subresources"] = new JsonArray(rt.Subresources.Select(sub =>
                        {
                            var kind = SubresourceKinds.TryGetValue(sub, out var k)
                                ? new JsonObject { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Kind }
                                : new JsonObject { ["group"] = rt.Group, ["version"] = rt.Version, ["kind"] = rt.Kind };
                            return (JsonNode)new JsonObject
                            {
                                ["subresource"] = sub,
                                ["responseKind"] = kind,
                                ["verbs"] = new JsonArray(Verbs(sub).Select(v => (JsonNode)v).ToArray()),
                            };
                        }).ToArray());
                    }
                    resources.Add(r);
                }
                versions.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }
            items.Add(new JsonObject { ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null }, ["versions"] = versions });
        }
        var body = new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items };
        await request.WriteBytesAsync(200, Json.Bytes(body), "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList").ConfigureAwait(false);
    }
}
