using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Auth;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>A private emulator without controllers: the token tests move its clock.</summary>
public sealed class TokenEmulatorFixture : IAsyncLifetime
{
    /// <summary>The emulator.</summary>
    public KubeEmulator Emulator { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Emulator = await KubeEmulator.StartAsync(new EmulatorOptions { RunControllers = false });

    /// <inheritdoc />
    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>Token validity rules. Tokens here live an hour, so the one test that advances the clock by minutes affects no other.</summary>
public sealed class ServiceAccountTokenTests(TokenEmulatorFixture fx) : IClassFixture<TokenEmulatorFixture>
{
    private KubeEmulator Emulator => fx.Emulator;

    private EmulatorContext Context => Emulator.Context;
    private ServiceAccountTokens Tokens => Context.ServiceAccountTokens!;

    private JsonObject CreateServiceAccount(string name) =>
        Context.Api.Create(Context.Type("", "serviceaccounts"), "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, UserInfo.System);

    [Fact]
    public async Task Expiry_follows_theEmulator_clock_with_a_minute_of_leeway()
    {
        CreateServiceAccount("clock");
        var issued = Tokens.Create("default", "clock", TimeSpan.FromMinutes(10));
        Assert.NotNull(Tokens.Validate(issued.Token, null).User);
        using var client = AuthHttp.Client(Emulator, issued.Token);
        Assert.Equal(403, (await AuthHttp.Send(client, HttpMethod.Get, "/api/v1/nodes")).Code);

        Context.Clock.Advance(TimeSpan.FromMinutes(10.5));
        Assert.NotNull(Tokens.Validate(issued.Token, null).User);
        Context.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("service account token has expired", Tokens.Validate(issued.Token, null).Error);
        Assert.Equal(401, (await AuthHttp.Send(client, HttpMethod.Get, "/api/v1/nodes")).Code);
    }

    [Fact]
    public void A_recreated_service_account_does_not_honour_old_tokens()
    {
        CreateServiceAccount("again");
        var old = Tokens.Create("default", "again");
        Context.Api.Delete(Context.Type("", "serviceaccounts"), "default", "again", UserInfo.System);
        Assert.Equal("serviceaccounts \"again\" not found", Tokens.Validate(old.Token, null).Error);
        CreateServiceAccount("again");
        Assert.Null(Tokens.Validate(old.Token, null).User);
        Assert.NotNull(Tokens.Validate(Tokens.Create("default", "again").Token, null).User);
    }

    [Fact]
    public void Pod_bound_tokens_die_with_the_pod_and_carry_its_identity()
    {
        CreateServiceAccount("bound");
        var pod = Context.Api.Create(Context.Type("", "pods"), "default", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p1" },
            ["spec"] = new JsonObject { ["serviceAccountName"] = "bound", ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
        }, UserInfo.System);
        var token = Tokens.Create("default", "bound", bound: new BoundObject("Pod", "p1", pod.Uid())).Token;
        var user = Tokens.Validate(token, null).User!;
        Assert.Equal(["p1"], user.Extra["authentication.kubernetes.io/pod-name"]);
        Assert.Equal([pod.Uid()], user.Extra["authentication.kubernetes.io/pod-uid"]);
        Context.Api.Delete(Context.Type("", "pods"), "default", "p1", UserInfo.System);
        Assert.Equal("pods \"p1\" not found", Tokens.Validate(token, null).Error);
    }

    [Fact]
    public async Task Audiences_decide_where_a_token_is_accepted()
    {
        CreateServiceAccount("aud");
        var vault = Tokens.Create("default", "aud", audiences: ["vault"]).Token;
        using var asVault = AuthHttp.Client(Emulator, vault);
        Assert.Equal(401, (await AuthHttp.Send(asVault, HttpMethod.Get, "/api")).Code);

        using var admin = AuthHttp.Client(Emulator, Emulator.AdminToken);
        var review = new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["kind"] = "TokenReview",
            ["spec"] = new JsonObject { ["token"] = vault, ["audiences"] = new JsonArray("vault", "other") },
        };
        var (code, body) = await AuthHttp.Send(admin, HttpMethod.Post, "/apis/authentication.k8s.io/v1/tokenreviews", review);
        Assert.Equal(201, code);
        var status = JsonNode.Parse(body)!["status"]!;
        Assert.True(status["authenticated"]!.GetValue<bool>());
        Assert.Equal(["vault"], status["audiences"]!.AsArray().Select(a => a!.GetValue<string>()));

        review["spec"]!["audiences"] = new JsonArray("other");
        var (_, rejected) = await AuthHttp.Send(admin, HttpMethod.Post, "/apis/authentication.k8s.io/v1/tokenreviews", review);
        var rs = JsonNode.Parse(rejected)!["status"]!;
        Assert.Null(rs["authenticated"]);
        Assert.Contains("invalid bearer token", rs["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuer_discovery_publishes_the_signing_key()
    {
        CreateServiceAccount("oidc");
        using var client = AuthHttp.Client(Emulator, Tokens.Create("default", "oidc").Token);
        var (code, config) = await AuthHttp.Send(client, HttpMethod.Get, "/.well-known/openid-configuration");
        Assert.Equal(200, code);
        Assert.Equal(ServiceAccountTokens.Issuer, JsonNode.Parse(config)!["issuer"]!.GetValue<string>());
        var (jwksCode, jwks) = await AuthHttp.Send(client, HttpMethod.Get, "/openid/v1/jwks");
        Assert.Equal(200, jwksCode);
        Assert.Equal("RS256", JsonNode.Parse(jwks)!["keys"]![0]!["alg"]!.GetValue<string>());
    }
}
