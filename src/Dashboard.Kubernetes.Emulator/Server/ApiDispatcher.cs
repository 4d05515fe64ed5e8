using System.Text;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>
/// The request pipeline of the emulated API server: faults and request log, authentication, impersonation,
/// request info, authorization, then the handler for the path.
/// </summary>
internal sealed class ApiDispatcher
{
    private const string BearerProtocolPrefix = "base64url.bearer.authorization.k8s.io.";
    private static readonly UserInfo Anonymous = new("system:anonymous", "", ["system:unauthenticated"]);
    private readonly EmulatorContext _context;
    private readonly ResourceHandlers _resources;
    private readonly DiscoveryHandlers _discovery;
    private readonly ILogger _logger;

    public ApiDispatcher(EmulatorContext context)
    {
        _context = context;
        _resources = new ResourceHandlers(context);
        _discovery = new DiscoveryHandlers(context);
        _logger = context.Logger<ApiDispatcher>();
    }

    /// <summary>Set by the impersonation module: turns the authenticated user into the impersonated one, or throws 403.</summary>
    public Func<HttpContext, UserInfo, UserInfo>? Impersonate { get; set; }

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var method = http.Request.Method;
        var isWatch = http.Request.Query["watch"] is var w && (w == "true" || w == "1");
        var info = RequestInfo.Parse(method, path, http.Request.Query["watch"].ToString(), http.Request.Query["fieldSelector"].ToString(), _context.Catalog);
        var user = Anonymous;
        ApiRequest? request = null;
        try
        {
            if (_context.Faults.Match(method, path, isWatch) is { } fault)
            {
                if (fault.Latency > TimeSpan.Zero) await Task.Delay(fault.Latency, http.RequestAborted).ConfigureAwait(false);
                if (fault.StatusCode is { } code)
                {
                    var error = code == 429
                        ? ApiException.TooManyRequests("the server has received too many requests and has asked us to try again later", fault.RetryAfterSeconds ?? 1)
                        : new ApiException(code, FaultReason(code), $"injected fault {code}", null, fault.RetryAfterSeconds);
                    throw error;
                }
                if (fault.DropWatchAfterEvents is { } n) http.Items[ResourceHandlers.DropAfterKey] = n;
            }

            user = Authenticate(http) ?? throw new ApiException(401, "Unauthorized", "Unauthorized");
            if ((Impersonate ?? _context.Impersonator) is { } impersonate) user = impersonate(http, user);
            request = new ApiRequest(http, user, info, _context);
            Authorize(user, info);
            await RouteAsync(request, path).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            if (!http.Response.HasStarted)
            {
                request ??= new ApiRequest(http, user, info, _context);
                await request.WriteErrorAsync(e).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Any bug in a handler must become a 500 Status, as the real server does, not a dropped connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "{Method} {Path} failed", method, path);
            if (!http.Response.HasStarted)
                await new ApiRequest(http, user, info, _context).WriteErrorAsync(ApiException.Internal(e.Message)).ConfigureAwait(false);
        }
        finally
        {
            _context.Requests.Add(new LoggedRequest(DateTimeOffset.UtcNow, method, path, http.Request.QueryString.Value ?? "", user.Name,
                info.Verb, info.RbacResource, info.Namespace, http.Response.StatusCode));
        }
    }

    private UserInfo? Authenticate(HttpContext http)
    {
        string? token = null;
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = header[7..].Trim();
        else
        {
            // Browsers cannot set headers on a WebSocket, so the token may come as a subprotocol.
            foreach (var p in http.Request.Headers.SecWebSocketProtocol.ToString().Split(','))
            {
                var proto = p.Trim();
                if (proto.StartsWith(BearerProtocolPrefix, StringComparison.Ordinal))
                    token = Encoding.UTF8.GetString(Base64UrlDecode(proto[BearerProtocolPrefix.Length..]));
            }
        }
        if (token is null) return Anonymous;
        foreach (var a in _context.Authenticators)
            if (a.Authenticate(token) is { } u) return u;
        return null;
    }

    private void Authorize(UserInfo user, RequestInfo info)
    {
        if (user.IsMaster || _context.Authorizer is null) return;
        var attrs = new AuthorizationAttributes(user, info.Verb, info.IsResourceRequest, info.Group, info.Resource, info.Subresource, info.Namespace, info.Name, info.Path);
        var decision = _context.Authorizer.Authorize(attrs);
        if (decision.Allowed) return;
        throw ForbiddenError(user, info, decision.Reason);
    }

    /// <summary>The 403 kube-apiserver sends: details name the group and resource the request was authorized as.</summary>
    internal static ApiException ForbiddenError(UserInfo user, RequestInfo info, string reason)
    {
        var details = new System.Text.Json.Nodes.JsonObject();
        if (info.IsResourceRequest)
        {
            if (info.Name.Length > 0) details["name"] = info.Name;
            if (info.Group.Length > 0) details["group"] = info.Group;
            if (info.Resource.Length > 0) details["kind"] = info.Resource;
        }
        return new ApiException(403, "Forbidden", ForbiddenMessage(user, info, reason), details);
    }

    /// <summary>The exact 403 message kube-apiserver writes.</summary>
    internal static string ForbiddenMessage(UserInfo user, RequestInfo info, string reason)
    {
        var suffix = reason.Length > 0 ? ": " + reason : "";
        if (!info.IsResourceRequest)
            return $"forbidden: User \"{user.Name}\" cannot {info.Verb} path \"{info.Path}\"{suffix}";
        var qualified = info.Group.Length > 0 ? $"{info.Resource}.{info.Group}" : info.Resource;
        var subject = info.Name.Length > 0 ? $"{qualified} \"{info.Name}\"" : qualified;
        // A namespace itself is authorized inside its own namespace: `namespaces "x" is forbidden ... in the namespace "x"`.
        var scope = info.Namespace.Length > 0
            ? $"in the namespace \"{info.Namespace}\""
            : "at the cluster scope";
        return $"{subject} is forbidden: User \"{user.Name}\" cannot {info.Verb} resource \"{info.RbacResource}\" in API group \"{info.Group}\" {scope}{suffix}";
    }

    private async Task RouteAsync(ApiRequest request, string path)
    {
        var info = request.Info;
        if (!info.IsResourceRequest)
        {
            if (await _discovery.TryHandleAsync(request, path).ConfigureAwait(false)) return;
            foreach (var (prefix, handler) in _context.Paths)
            {
                if (prefix == path || (prefix.EndsWith('*') && path.StartsWith(prefix[..^1], StringComparison.Ordinal)))
                {
                    await handler(request).ConfigureAwait(false);
                    return;
                }
            }
            throw ApiException.PathNotFound();
        }
        var type = info.Type ?? throw ApiException.PathNotFound();
        if (type.IsVirtual)
        {
            if (!_context.VirtualResources.TryGetValue(type, out var handler)) throw ApiException.PathNotFound();
            await handler(request).ConfigureAwait(false);
            return;
        }
        if (info.Subresource.Length > 0)
        {
            if (!type.Subresources.Contains(info.Subresource)) throw ApiException.PathNotFound();
            if (_context.Subresources.TryGetValue($"{type.Key}/{info.Subresource}", out var sub)
                || _context.Subresources.TryGetValue($"*/{info.Subresource}", out sub))
            {
                await sub(request).ConfigureAwait(false);
                return;
            }
            if (info.Subresource == "status")
            {
                await _resources.HandleAsync(request).ConfigureAwait(false);
                return;
            }
            throw ApiException.MethodNotSupported(info.RbacResource, request.Http.Request.Method);
        }
        await _resources.HandleAsync(request).ConfigureAwait(false);
    }

    private static byte[] Base64UrlDecode(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        b = b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=');
        try { return Convert.FromBase64String(b); }
        catch (FormatException) { return []; }
    }

    // The Status reason the API server gives with each code, so that clients classify an injected fault as they would
    // a real one (a 409 is a Conflict to retry or resolve, not an internal error).
    private static string FaultReason(int code) => code switch
    {
        409 => "Conflict",
        404 => "NotFound",
        403 => "Forbidden",
        401 => "Unauthorized",
        410 => "Expired",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };
}
