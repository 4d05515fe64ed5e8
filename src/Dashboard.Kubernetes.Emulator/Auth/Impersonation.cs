using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Auth;

/// <summary>
/// The impersonation filter: <c>Impersonate-User</c>, <c>-Group</c>, <c>-Uid</c> and <c>-Extra-*</c> headers replace
/// the caller's identity after the caller was authorized for verb <c>impersonate</c> on each requested value.
/// </summary>
internal sealed class Impersonation(IAuthorizer authorizer)
{
    private const string UserHeader = "Impersonate-User";
    private const string GroupHeader = "Impersonate-Group";
    private const string UidHeader = "Impersonate-Uid";
    private const string ExtraPrefix = "Impersonate-Extra-";
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    public UserInfo Apply(HttpContext http, UserInfo requestor)
    {
        var headers = http.Request.Headers;
        var userName = headers[UserHeader].ToString();
        var groups = headers[GroupHeader].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers[UidHeader].ToString();
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            if (!name.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var key = Uri.UnescapeDataString(name[ExtraPrefix.Length..].ToLowerInvariant());
            extra[key] = values.Where(v => v is not null).Select(v => v!).ToList();
        }
        if (userName.Length == 0)
        {
            if (groups.Count == 0 && extra.Count == 0 && uid.Length == 0) return requestor;
            throw ApiException.Internal("requested impersonation of groups, uid or extra without impersonating a user");
        }

        if (userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal)
            && userName[ServiceAccountPrefix.Length..].Split(':') is [var saNs, var saName] && saNs.Length > 0 && saName.Length > 0)
        {
            Check(http, requestor, "", "serviceaccounts", "", saNs, saName);
            if (groups.Count == 0) groups = ["system:serviceaccounts", "system:serviceaccounts:" + saNs];
        }
        else Check(http, requestor, "", "users", "", "", userName);
        foreach (var g in groups) Check(http, requestor, "", "groups", "", "", g);
        foreach (var (key, values) in extra)
            foreach (var v in values) Check(http, requestor, "authentication.k8s.io", "userextras", key, "", v);
        if (uid.Length > 0) Check(http, requestor, "authentication.k8s.io", "uids", "", "", uid);

        if (userName == "system:anonymous")
        {
            if (!groups.Contains("system:unauthenticated")) groups.Add("system:unauthenticated");
        }
        else if (!groups.Contains("system:authenticated") && !groups.Contains("system:unauthenticated"))
            groups.Add("system:authenticated");
        return new UserInfo(userName, uid, groups) { Extra = extra };
    }

    private void Check(HttpContext http, UserInfo requestor, string group, string resource, string subresource, string ns, string name)
    {
        if (requestor.IsMaster) return;
        var decision = authorizer.Authorize(new AuthorizationAttributes(requestor, "impersonate", true, group, resource, subresource, ns, name, ""));
        if (decision.Allowed) return;
        var info = new RequestInfo
        {
            IsResourceRequest = true,
            Path = http.Request.Path.Value ?? "",
            Verb = "impersonate",
            Group = group,
            Resource = resource,
            Subresource = subresource,
            Namespace = ns,
            Name = name,
        };
        throw ApiDispatcher.ForbiddenError(requestor, info, decision.Reason);
    }
}
