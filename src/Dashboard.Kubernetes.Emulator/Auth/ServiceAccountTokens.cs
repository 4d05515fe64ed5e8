using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Auth;

/// <summary>An object a ServiceAccount token is bound to (TokenRequest spec.boundObjectRef): Pod, Secret or Node.</summary>
public sealed record BoundObject(string Kind, string Name, string Uid)
{
    /// <summary>For pod-bound tokens: the node the pod runs on, as real tokens carry it.</summary>
    public (string Name, string Uid)? Node { get; init; }
}

/// <summary>A minted token and when it expires.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset Expiration);

/// <summary>The outcome of validating a token: the user and the audiences it was accepted for, or the reason it was not.</summary>
public sealed record TokenValidation(UserInfo? User, IReadOnlyList<string> Audiences, string? Error);

/// <summary>
/// The ServiceAccount token issuer and authenticator: RS256 JWTs signed with a key generated at start, claims as
/// kube-apiserver writes them, validated against emulated time and the live ServiceAccount (and bound object).
/// Legacy Secret-based tokens (issuer <c>kubernetes/serviceaccount</c>) are validated against their Secret.
/// </summary>
public sealed class ServiceAccountTokens : IAuthenticator, IDisposable
{
    /// <summary>The issuer (and default audience) of bound tokens, as in a kubeadm cluster.</summary>
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";
    /// <summary>The issuer of legacy Secret-based tokens.</summary>
    public const string LegacyIssuer = "kubernetes/serviceaccount";
    private const string ExtraPrefix = "authentication.kubernetes.io/";
    private const string LastUsedLabel = "kubernetes.io/legacy-token-last-used";
    private const string InvalidSinceLabel = "kubernetes.io/legacy-token-invalid-since";
    private static readonly TimeSpan Leeway = TimeSpan.FromMinutes(1);

    private readonly EmulatorContext _context;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId;

    internal ServiceAccountTokens(EmulatorContext context)
    {
        _context = context;
        _keyId = Base64Url(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The audiences the API server itself accepts.</summary>
    public static IReadOnlyList<string> ApiAudiences { get; } = [Issuer];

    /// <summary>
    /// Mints a token for an existing ServiceAccount (what <c>kubectl create token</c> gets), for tests and scenarios.
    /// Throws 404 when the ServiceAccount does not exist.
    /// </summary>
    public IssuedToken Create(string ns, string serviceAccount, TimeSpan? lifetime = null, IReadOnlyList<string>? audiences = null, BoundObject? bound = null)
    {
        var rt = _context.Type("", "serviceaccounts");
        var sa = _context.Store.Get(rt, ns, serviceAccount) ?? throw ApiException.NotFound(rt, serviceAccount);
        return Issue(ns, serviceAccount, sa.Uid, audiences ?? ApiAudiences, (long)(lifetime ?? TimeSpan.FromHours(1)).TotalSeconds, bound);
    }

    /// <summary>Signs a bound token with the claims kube-apiserver puts in one.</summary>
    internal IssuedToken Issue(string ns, string name, string uid, IReadOnlyList<string> audiences, long expirationSeconds, BoundObject? bound)
    {
        var now = _context.Clock.GetUtcNow();
        var exp = now.AddSeconds(expirationSeconds);
        var k8s = new JsonObject { ["namespace"] = ns };
        if (bound?.Node is { } node) k8s["node"] = new JsonObject { ["name"] = node.Name, ["uid"] = node.Uid };
        if (bound is not null) k8s[bound.Kind.ToLowerInvariant()] = new JsonObject { ["name"] = bound.Name, ["uid"] = bound.Uid };
        k8s["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid };
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["exp"] = exp.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = k8s,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
        };
        return new IssuedToken(Sign(claims), DateTimeOffset.FromUnixTimeSeconds(exp.ToUnixTimeSeconds()));
    }

    /// <summary>Signs a legacy token for a <c>kubernetes.io/service-account-token</c> Secret.</summary>
    internal string IssueLegacy(string ns, string secretName, string saName, string saUid) => Sign(new JsonObject
    {
        ["iss"] = LegacyIssuer,
        ["kubernetes.io/serviceaccount/namespace"] = ns,
        ["kubernetes.io/serviceaccount/secret.name"] = secretName,
        ["kubernetes.io/serviceaccount/service-account.name"] = saName,
        ["kubernetes.io/serviceaccount/service-account.uid"] = saUid,
        ["sub"] = $"system:serviceaccount:{ns}:{saName}",
    });

    /// <inheritdoc />
    public UserInfo? Authenticate(string token) => Validate(token, null).User;

    /// <summary>Validates a token for the given audiences (null: the API server's own).</summary>
    public TokenValidation Validate(string token, IReadOnlyList<string>? audiences)
    {
        var claims = Verify(token);
        if (claims is null) return Fail("invalid bearer token");
        var accepted = audiences is { Count: > 0 } ? audiences : ApiAudiences;
        return claims.Str("iss") switch
        {
            Issuer => ValidateBound(claims, accepted),
            LegacyIssuer => ValidateLegacy(token, claims, accepted),
            _ => Fail("invalid bearer token"),
        };
    }

    private TokenValidation ValidateBound(JsonObject claims, IReadOnlyList<string> accepted)
    {
        var tokenAudiences = PolicyStrings(claims["aud"]);
        var matched = accepted.Where(tokenAudiences.Contains).ToList();
        if (matched.Count == 0) return Fail("token audiences " + GoList(tokenAudiences) + " is invalid for the target audiences " + GoList(accepted));
        var now = _context.Clock.GetUtcNow();
        if (claims.Int("exp") is not { } exp || now > DateTimeOffset.FromUnixTimeSeconds(exp) + Leeway)
            return Fail("service account token has expired");
        if (claims.Int("nbf") is { } nbf && now + Leeway < DateTimeOffset.FromUnixTimeSeconds(nbf))
            return Fail("service account token is not valid yet");
        var k8s = claims["kubernetes.io"];
        var ns = k8s.Str("namespace") ?? "";
        var saName = k8s.Str("serviceaccount.name") ?? "";
        var saUid = k8s.Str("serviceaccount.uid") ?? "";
        if (CheckServiceAccount(ns, saName, saUid) is { } saError) return Fail(saError);
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (claims.Str("jti") is { Length: > 0 } jti) extra[ExtraPrefix + "credential-id"] = ["JTI=" + jti];
        foreach (var kind in new[] { "pod", "secret", "node" })
        {
            if (k8s?[kind] is not JsonObject bound) continue;
            var (name, uid) = (bound.Str("name") ?? "", bound.Str("uid") ?? "");
            // A node named alongside a pod is informational; the pod is what the token lives and dies with.
            var mustExist = kind != "node" || k8s["pod"] is null;
            if (mustExist && CheckBound(kind, ns, name, uid, now) is { } boundError) return Fail(boundError);
            if (kind is "pod" or "node")
            {
                extra[$"{ExtraPrefix}{kind}-name"] = [name];
                extra[$"{ExtraPrefix}{kind}-uid"] = [uid];
            }
        }
        return new TokenValidation(ServiceAccountUser(ns, saName, saUid) with { Extra = extra }, matched, null);
    }

    private TokenValidation ValidateLegacy(string token, JsonObject claims, IReadOnlyList<string> accepted)
    {
        var ns = Claim(claims, "kubernetes.io/serviceaccount/namespace");
        var secretName = Claim(claims, "kubernetes.io/serviceaccount/secret.name");
        var saName = Claim(claims, "kubernetes.io/serviceaccount/service-account.name");
        var saUid = Claim(claims, "kubernetes.io/serviceaccount/service-account.uid");
        var secret = _context.Api.TryGet(_context.Type("", "secrets"), ns, secretName);
        if (secret is null) return Fail($"secrets \"{secretName}\" not found");
        var stored = secret.Str("data.token") is { } b64 ? TryBase64(b64) : null;
        if (stored != token) return Fail("token does not match the secret");
        if (CheckServiceAccount(ns, saName, saUid) is { } saError) return Fail(saError);
        var labels = secret.Labels();
        if (labels.ContainsKey(InvalidSinceLabel))
            return Fail($"the token in secret {ns}/{secretName} for service account {ns}/{saName} has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the '{InvalidSinceLabel}' label from the secret to enable it");
        MarkUsed(secret, labels);
        // Legacy tokens carry no audience: they are valid for whatever audiences the caller accepts.
        return new TokenValidation(ServiceAccountUser(ns, saName, saUid), accepted, null);
    }

    /// <summary>Records the day a legacy token was last used, at most once a day, like kube-apiserver's tracking.</summary>
    private void MarkUsed(JsonObject secret, Dictionary<string, string> labels)
    {
        var today = _context.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (labels.GetValueOrDefault(LastUsedLabel) == today) return;
        secret.Meta().Obj("labels")[LastUsedLabel] = today;
        try
        {
            _context.Api.Update(_context.Type("", "secrets"), secret.Namespace(), secret.Name(), secret, UserInfo.System);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Someone else wrote the Secret in between; the next use records the day.
        }
    }

    private string? CheckServiceAccount(string ns, string name, string uid)
    {
        var sa = _context.Store.Get(_context.Type("", "serviceaccounts"), ns, name);
        if (sa is null) return $"serviceaccounts \"{name}\" not found";
        if (sa.Uid != uid) return $"service account UID ({uid}) does not match claim ({sa.Uid})";
        if (sa.ToJson().At("metadata.deletionTimestamp") is not null) return $"service account {ns}/{name} has been deleted";
        return null;
    }

    private string? CheckBound(string kind, string ns, string name, string uid, DateTimeOffset now)
    {
        var rt = _context.Type("", kind + "s");
        var obj = _context.Store.Get(rt, rt.Namespaced ? ns : "", name);
        if (obj is null) return $"{rt.Plural} \"{name}\" not found";
        if (obj.Uid != uid) return $"{kind} UID ({uid}) does not match claim ({obj.Uid})";
        if (Json.ParseTime(obj.ToJson().Str("metadata.deletionTimestamp")) is { } deleted && deleted < now)
            return $"{kind} {ns}/{name} has been deleted";
        return null;
    }

    /// <summary>The user a ServiceAccount authenticates as.</summary>
    public static UserInfo ServiceAccountUser(string ns, string name, string uid) =>
        new($"system:serviceaccount:{ns}:{name}", uid, ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);

    /// <summary>The public key as a JSON Web Key Set (served at /openid/v1/jwks).</summary>
    public JsonObject Jwks()
    {
        var p = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["use"] = "sig",
                ["kty"] = "RSA",
                ["kid"] = _keyId,
                ["alg"] = "RS256",
                ["n"] = Base64Url(p.Modulus!),
                ["e"] = Base64Url(p.Exponent!),
            }),
        };
    }

    // Legacy claim names contain dots, so they cannot go through the dotted-path accessors.
    private static string Claim(JsonObject claims, string name) =>
        claims[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static TokenValidation Fail(string error) => new(null, [], error);

    private string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = _keyId };
        var signingInput = Base64Url(Json.Bytes(header)) + "." + Base64Url(Json.Bytes(claims));
        byte[] signature;
        // RSA handles are not documented as thread-safe; signing is rare and cheap enough to serialize.
        lock (_key) signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The claims of a token signed by this issuer, or null.</summary>
    private JsonObject? Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        var signature = FromBase64Url(parts[2]);
        if (signature is null) return null;
        bool valid;
        lock (_key) valid = _key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!valid) return null;
        try
        {
            var header = Json.Parse(FromBase64Url(parts[0]) ?? []);
            if (header.Str("alg") != "RS256") return null;
            return Json.Parse(FromBase64Url(parts[1]) ?? []);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ApiException)
        {
            return null;
        }
    }

    private static List<string> PolicyStrings(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(n => n?.GetValue<string>() ?? "").ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static string GoList(IEnumerable<string> values) => "[" + string.Join(" ", values) + "]";

    private static string? TryBase64(string s)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(s)); }
        catch (FormatException) { return null; }
    }

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        b = b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=');
        try { return Convert.FromBase64String(b); }
        catch (FormatException) { return null; }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
