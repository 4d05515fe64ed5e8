using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>Handles one subresource (pods/log, pods/exec, */scale, serviceaccounts/token...).</summary>
public delegate Task SubresourceHandler(ApiRequest request);

/// <summary>Handles a non-resource path (openapi) or a virtual resource (reviews, metrics).</summary>
public delegate Task RequestHandler(ApiRequest request);

/// <summary>Turns a request body in a non-JSON content type (protobuf) into an object.</summary>
public interface IBodyDecoder
{
    /// <summary>True when this decoder reads the content type.</summary>
    bool CanDecode(string mediaType);

    /// <summary>Decodes the body; <paramref name="expected"/> is the resource the URL names, when there is one.</summary>
    JsonObject Decode(ReadOnlySpan<byte> body, ResourceType? expected);
}

/// <summary>Resolves a bearer token to a user, or null when this authenticator does not know it.</summary>
public interface IAuthenticator
{
    /// <summary>Authenticates a token.</summary>
    UserInfo? Authenticate(string token);
}

/// <summary>The outcome of an authorization check.</summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason)
{
    /// <summary>Allowed without a reason.</summary>
    public static AuthorizationDecision Allow { get; } = new(true, "");
}

/// <summary>The attributes authorization sees (SubjectAccessReview's resourceAttributes / nonResourceAttributes).</summary>
public sealed record AuthorizationAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string Group,
    string Resource,
    string Subresource,
    string Namespace,
    string Name,
    string Path);

/// <summary>Decides whether a user may do something.</summary>
public interface IAuthorizer
{
    /// <summary>Evaluates the attributes.</summary>
    AuthorizationDecision Authorize(AuthorizationAttributes attributes);
}

/// <summary>Table column definition as in meta.k8s.io/v1 Table.</summary>
public sealed record TableColumn(string Name, string Type, string Format = "", int Priority = 0, string Description = "");

/// <summary>Prints one kind as a Table, mirroring kubectl's printers.</summary>
public interface ITablePrinter
{
    /// <summary>Column definitions.</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Cells of one row, one per column.</summary>
    IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now);
}

/// <summary>
/// Checks the body of a create, update or patch before it enters the write pipeline (server-side field validation:
/// <c>?fieldValidation=Strict|Warn|Ignore</c>). Throws to reject; may add <c>Warning</c> headers.
/// </summary>
public interface IBodyValidator
{
    /// <summary>Validates <paramref name="body"/>; for patches it is the patch document, not the patched object.</summary>
    void Validate(ApiRequest request, ResourceType type, JsonObject body, bool isPatch);
}
