using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Auth;

/// <summary>
/// <c>POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token</c>: validates a TokenRequest, resolves its bound
/// object and answers 201 with the same object plus <c>status.token</c> and <c>status.expirationTimestamp</c>.
/// </summary>
internal sealed class TokenRequestHandler(EmulatorContext context, ServiceAccountTokens tokens)
{
    private const long MinSeconds = 600;
    private const long MaxSeconds = 1L << 32;
    private static readonly ResourceType TokenRequestType =
        new("authentication.k8s.io", "v1", "TokenRequest", "tokenrequests", true, [], [], []);

    public async Task HandleAsync(ApiRequest request)
    {
        var info = request.Info;
        if (!HttpMethods.IsPost(request.Http.Request.Method))
            throw AuthModule.MethodNotAllowed();
        var saType = info.Type!;
        var sa = context.Store.Get(saType, info.Namespace, info.Name) ?? throw ApiException.NotFound(saType, info.Name);
        var body = await request.ReadObjectAsync(TokenRequestType).ConfigureAwait(false);
        var spec = body["spec"] as JsonObject ?? new JsonObject();
        var seconds = spec.Int("expirationSeconds") ?? 3600;
        if (seconds < MinSeconds)
            throw ApiException.InvalidField(TokenRequestType, info.Name, "spec.expirationSeconds", $"Invalid value: {seconds}: may not specify a duration less than 10 minutes");
        if (seconds > MaxSeconds)
            throw ApiException.InvalidField(TokenRequestType, info.Name, "spec.expirationSeconds", $"Invalid value: {seconds}: may not specify a duration larger than 2^32 seconds");
        var audiences = PolicyAudiences(spec["audiences"]);
        if (audiences.Count == 0) audiences = [.. ServiceAccountTokens.ApiAudiences];
        var bound = spec["boundObjectRef"] is JsonObject reference ? Resolve(reference, info.Namespace, info.Name) : null;

        var issued = tokens.Issue(info.Namespace, info.Name, sa.Uid, audiences, seconds, bound);
        var meta = body["metadata"] as JsonObject ?? new JsonObject();
        meta["name"] = info.Name;
        meta["namespace"] = info.Namespace;
        meta["creationTimestamp"] = Json.Time(context.Clock.GetUtcNow());
        var response = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = meta.DeepClone(),
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
                ["expirationSeconds"] = seconds,
                ["boundObjectRef"] = spec["boundObjectRef"]?.DeepClone(),
            },
            ["status"] = new JsonObject
            {
                ["token"] = issued.Token,
                ["expirationTimestamp"] = Json.Time(issued.Expiration),
            },
        };
        await request.WriteAsync(201, response).ConfigureAwait(false);
    }

    /// <summary>Finds the bound object as the real TokenRequest REST does, with its errors.</summary>
    private BoundObject Resolve(JsonObject reference, string ns, string saName)
    {
        var kind = reference.Str("kind") ?? "";
        var apiVersion = reference.Str("apiVersion") ?? "v1";
        var name = reference.Str("name") ?? "";
        var wantedUid = reference.Str("uid") ?? "";
        BoundObject bound;
        if (apiVersion == "v1" && kind == "Pod")
        {
            var pod = context.Api.Get(context.Type("", "pods"), ns, name);
            if (pod.Str("spec.serviceAccountName") is { Length: > 0 } podSa && podSa != saName)
                throw ApiException.BadRequest($"cannot bind token for serviceaccount \"{saName}\" to pod running with different serviceaccount name.");
            bound = new BoundObject("Pod", name, pod.Uid());
            if (pod.Str("spec.nodeName") is { Length: > 0 } nodeName
                && context.Store.Get(context.Type("", "nodes"), "", nodeName) is { } node)
                bound = bound with { Node = (nodeName, node.Uid) };
        }
        else if (apiVersion == "v1" && kind == "Secret")
            bound = new BoundObject("Secret", name, context.Api.Get(context.Type("", "secrets"), ns, name).Uid());
        else if (apiVersion == "v1" && kind == "Node")
            bound = new BoundObject("Node", name, context.Api.Get(context.Type("", "nodes"), "", name).Uid());
        else
            throw ApiException.BadRequest($"cannot bind token to object of type {(apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion : "/" + apiVersion)}, Kind={kind}");
        if (wantedUid.Length > 0 && wantedUid != bound.Uid)
            throw new ApiException(409, "Conflict",
                $"Operation cannot be fulfilled on {kind} \"{name}\": the UID in the bound object reference ({wantedUid}) does not match the UID in record. The object might have been deleted and then recreated",
                new JsonObject { ["name"] = name, ["kind"] = kind });
        return bound;
    }

    private static List<string> PolicyAudiences(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList() : [];
}
