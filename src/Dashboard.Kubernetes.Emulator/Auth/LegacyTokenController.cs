using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Controllers;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Auth;

/// <summary>
/// The tokens controller for legacy Secret-based ServiceAccount tokens: a <c>kubernetes.io/service-account-token</c>
/// Secret annotated with <c>kubernetes.io/service-account.name</c> gets <c>data.token</c> and <c>data.namespace</c> once
/// its ServiceAccount exists, and is deleted with the ServiceAccount.
/// </summary>
internal sealed class LegacyTokenController(EmulatorContext context, ServiceAccountTokens tokens) : ReconcilingController(context)
{
    private const string TokenType = "kubernetes.io/service-account-token";
    private const string NameAnnotation = "kubernetes.io/service-account.name";
    private const string UidAnnotation = "kubernetes.io/service-account.uid";

    private ResourceType Secrets => Context.Type("", "secrets");
    private ResourceType ServiceAccounts => Context.Type("", "serviceaccounts");

    protected override IEnumerable<ResourceType> Watched => [Secrets, ServiceAccounts];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        if (change.Object.Type.Key == Secrets.Key) return [change.Object.Key];
        // A ServiceAccount came or went: its token Secrets in the namespace need filling or removing.
        return Context.Store.List(Secrets, change.Object.Namespace).Items
            .Where(s => s.ToJson() is var o && o.Str("type") == TokenType && Annotation(o, NameAnnotation) == change.Object.Name)
            .Select(s => s.Key);
    }

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(key);
        var secret = Context.Api.TryGet(Secrets, ns, name);
        if (secret is null || secret.Str("type") != TokenType || secret.At("metadata.deletionTimestamp") is not null) return Task.CompletedTask;
        var saName = Annotation(secret, NameAnnotation);
        if (string.IsNullOrEmpty(saName)) return Task.CompletedTask;
        var sa = Context.Store.Get(ServiceAccounts, ns, saName);
        var boundUid = Annotation(secret, UidAnnotation);
        if (sa is null || (!string.IsNullOrEmpty(boundUid) && boundUid != sa.Uid))
        {
            // The ServiceAccount this token belonged to is gone: so is the token, as with the real tokens controller.
            if (!string.IsNullOrEmpty(boundUid)) Context.Api.Delete(Secrets, ns, name, UserInfo.System);
            return Task.CompletedTask;
        }
        if (secret.Str("data.token") is { Length: > 0 } && boundUid == sa.Uid) return Task.CompletedTask;
        secret.Meta().Obj("annotations")[UidAnnotation] = sa.Uid;
        var data = secret.Obj("data");
        data["token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(tokens.IssueLegacy(ns, name, saName, sa.Uid)));
        data["namespace"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(ns));
        Context.Api.Update(Secrets, ns, name, secret, UserInfo.System);
        return Task.CompletedTask;
    }

    private static string? Annotation(JsonObject o, string key) =>
        o.At("metadata.annotations") is JsonObject a && a[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
