using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Auth.Rbac;

namespace Dashboard.Kubernetes.Emulator.Auth;

/// <summary>
/// Authentication and authorization: ServiceAccount tokens (TokenRequest, legacy token Secrets, OIDC discovery),
/// the review resources, RBAC with the bootstrap policy and role aggregation, and impersonation.
/// </summary>
internal sealed class AuthModule : IEmulatorModule
{
    internal const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>The 405 kube-apiserver answers for a method a create-only resource has no route for.</summary>
    internal static Api.ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    public void Register(EmulatorContext context)
    {
        var tokens = new ServiceAccountTokens(context);
        context.ServiceAccountTokens = tokens;
        context.Authenticators.Add(tokens);
        context.Subresources["serviceaccounts/token"] = new TokenRequestHandler(context, tokens).HandleAsync;

        var authorizer = new RbacAuthorizer(context);
        context.Authorizer = authorizer;
        context.Impersonator = new Impersonation(authorizer).Apply;
        context.Api.AddAdmission(new EscalationCheck(context, authorizer));
        context.Api.AddAdmission(new RbacValidation());
        new ReviewHandlers(context, tokens, authorizer).Register();

        context.BootstrapHooks.Add(BootstrapPolicy.Load);
        context.Controllers.Add(new ClusterRoleAggregation(context));
        context.Controllers.Add(new LegacyTokenController(context, tokens));

        context.Paths["/openid/v1/jwks"] = request => request.WriteAsync(200, tokens.Jwks());
        context.Paths["/.well-known/openid-configuration"] = request => request.WriteAsync(200, new JsonObject
        {
            ["issuer"] = ServiceAccountTokens.Issuer,
            ["jwks_uri"] = $"https://{request.Http.Request.Host}/openid/v1/jwks",
            ["response_types_supported"] = new JsonArray("id_token"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        });
    }
}
