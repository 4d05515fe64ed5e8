using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Auth.Rbac;
using Dashboard.Kubernetes.Emulator.Server;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Auth;

/// <summary>
/// The create-only review resources: TokenReview, SelfSubjectReview, SelfSubjectAccessReview, SelfSubjectRulesReview
/// and SubjectAccessReview. Like the real server they store nothing and answer 201 with the request echoed and
/// <c>status</c> filled in.
/// </summary>
internal sealed class ReviewHandlers(EmulatorContext context, ServiceAccountTokens tokens, RbacAuthorizer authorizer)
{
    public void Register()
    {
        Add("authentication.k8s.io", "tokenreviews", TokenReview);
        Add("authentication.k8s.io", "selfsubjectreviews", SelfSubjectReview);
        Add("authorization.k8s.io", "selfsubjectaccessreviews", SelfSubjectAccessReview);
        Add("authorization.k8s.io", "selfsubjectrulesreviews", SelfSubjectRulesReview);
        Add("authorization.k8s.io", "subjectaccessreviews", SubjectAccessReview);
    }

    private void Add(string group, string plural, Func<ApiRequest, ResourceType, JsonObject, JsonObject> status)
    {
        foreach (var rt in context.Catalog.Types.Where(t => t.Group == group && t.Plural == plural))
            context.VirtualResources[rt] = request => HandleAsync(request, rt, status);
    }

    private static async Task HandleAsync(ApiRequest request, ResourceType rt, Func<ApiRequest, ResourceType, JsonObject, JsonObject> status)
    {
        var method = request.Http.Request.Method;
        if (!HttpMethods.IsPost(method) || request.Info.Name.Length > 0) throw AuthModule.MethodNotAllowed();
        var review = await request.ReadObjectAsync(rt).ConfigureAwait(false);
        review["kind"] = rt.Kind;
        review["apiVersion"] = rt.ApiVersion;
        var meta = review.Meta();
        if (!meta.ContainsKey("creationTimestamp")) meta["creationTimestamp"] = null;
        review["spec"] ??= new JsonObject();
        review["status"] = status(request, rt, review);
        var ordered = new JsonObject
        {
            ["kind"] = rt.Kind,
            ["apiVersion"] = rt.ApiVersion,
            ["metadata"] = meta.DeepClone(),
        };
        if (rt.Kind != "SelfSubjectReview") ordered["spec"] = review["spec"]!.DeepClone();
        ordered["status"] = review["status"]!.DeepClone();
        await request.WriteAsync(201, ordered).ConfigureAwait(false);
    }

    private JsonObject TokenReview(ApiRequest request, ResourceType rt, JsonObject review)
    {
        var token = review.Str("spec.token") ?? "";
        if (token.Length == 0) throw ApiException.BadRequest("token is required for TokenReview in authentication");
        var requested = PolicyRule.Strings(review.At("spec.audiences")).Where(a => a.Length > 0).ToList();
        var status = new JsonObject();
        var validation = tokens.Validate(token, requested.Count > 0 ? requested : null);
        UserInfo? user = validation.User;
        IReadOnlyList<string> audiences = validation.Audiences;
        if (user is null)
        {
            // Static tokens are audience-agnostic: they are good for whatever audiences were asked for.
            foreach (var a in context.Authenticators)
            {
                if (a is ServiceAccountTokens) continue;
                if (a.Authenticate(token) is { } u)
                {
                    user = u;
                    audiences = requested.Count > 0 ? requested : ServiceAccountTokens.ApiAudiences;
                    break;
                }
            }
        }
        if (user is null)
        {
            status["user"] = new JsonObject();
            status["error"] = validation.Error is { } e && e != "invalid bearer token" ? $"[invalid bearer token, {e}]" : "invalid bearer token";
            return status;
        }
        status["authenticated"] = true;
        status["user"] = UserJson(user, "username");
        status["audiences"] = PolicyRule.Array(audiences);
        return status;
    }

    private static JsonObject SelfSubjectReview(ApiRequest request, ResourceType rt, JsonObject review) =>
        new() { ["userInfo"] = UserJson(request.User, "username") };

    private JsonObject SelfSubjectAccessReview(ApiRequest request, ResourceType rt, JsonObject review) =>
        Access(rt, request.User, review["spec"] as JsonObject ?? new JsonObject());

    private JsonObject SubjectAccessReview(ApiRequest request, ResourceType rt, JsonObject review)
    {
        var spec = review["spec"] as JsonObject ?? new JsonObject();
        var name = spec.Str("user") ?? "";
        var groups = PolicyRule.Strings(spec["groups"]);
        if (name.Length == 0 && groups.Count == 0)
            throw ApiException.InvalidField(rt, "", "spec.user", "Invalid value: \"\": at least one of user or group must be specified");
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (spec["extra"] is JsonObject ex)
            foreach (var (k, v) in ex) extra[k] = PolicyRule.Strings(v);
        var user = new UserInfo(name, spec.Str("uid") ?? "", groups) { Extra = extra };
        return Access(rt, user, spec);
    }

    private JsonObject Access(ResourceType rt, UserInfo user, JsonObject spec)
    {
        var resource = spec["resourceAttributes"] as JsonObject;
        var nonResource = spec["nonResourceAttributes"] as JsonObject;
        if (resource is not null && nonResource is not null)
            throw ApiException.InvalidField(rt, "", "spec.nonResourceAttributes", $"Invalid value: {Go(nonResource)}: cannot be specified in combination with resourceAttributes");
        if (resource is null && nonResource is null)
            throw ApiException.InvalidField(rt, "", "spec.resourceAttributes", "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        var attributes = resource is not null
            ? new AuthorizationAttributes(user, resource.Str("verb") ?? "", true, resource.Str("group") ?? "", resource.Str("resource") ?? "",
                resource.Str("subresource") ?? "", resource.Str("namespace") ?? "", resource.Str("name") ?? "", "")
            : new AuthorizationAttributes(user, nonResource!.Str("verb") ?? "", false, "", "", "", "", "", nonResource.Str("path") ?? "");
        var decision = authorizer.Authorize(attributes);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0) status["reason"] = decision.Reason;
        return status;
    }

    private JsonObject SelfSubjectRulesReview(ApiRequest request, ResourceType rt, JsonObject review)
    {
        var ns = review.Str("spec.namespace") ?? "";
        if (ns.Length == 0) throw ApiException.BadRequest("no namespace on request");
        var (rules, errors) = authorizer.RulesFor(request.User, ns);
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var r in rules)
        {
            if (r.Resources.Count > 0)
            {
                var o = new JsonObject { ["verbs"] = PolicyRule.Array(r.Verbs) };
                if (r.ApiGroups.Count > 0) o["apiGroups"] = PolicyRule.Array(r.ApiGroups);
                o["resources"] = PolicyRule.Array(r.Resources);
                if (r.ResourceNames.Count > 0) o["resourceNames"] = PolicyRule.Array(r.ResourceNames);
                resourceRules.Add(o);
            }
            if (r.NonResourceUrls.Count > 0)
                nonResourceRules.Add(new JsonObject { ["verbs"] = PolicyRule.Array(r.Verbs), ["nonResourceURLs"] = PolicyRule.Array(r.NonResourceUrls) });
        }
        var status = new JsonObject
        {
            ["resourceRules"] = resourceRules,
            ["nonResourceRules"] = nonResourceRules,
            ["incomplete"] = false,
        };
        if (errors.Count > 0) status["evaluationError"] = RbacAuthorizer.Aggregate(errors);
        return status;
    }

    /// <summary>A user as authentication/v1 UserInfo.</summary>
    internal static JsonObject UserJson(UserInfo user, string nameField)
    {
        var o = new JsonObject { [nameField] = user.Name };
        if (user.Uid.Length > 0) o["uid"] = user.Uid;
        o["groups"] = PolicyRule.Array(user.Groups);
        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (k, v) in user.Extra) extra[k] = PolicyRule.Array(v);
            o["extra"] = extra;
        }
        return o;
    }

    private static string Go(JsonObject o) => "\"" + o.ToJsonString() + "\"";
}
