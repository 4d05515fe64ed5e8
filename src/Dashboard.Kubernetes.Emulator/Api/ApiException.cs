using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>One entry of <c>details.causes</c> in a Status.</summary>
public sealed record StatusCause(string Reason, string Message, string? Field = null);

/// <summary>
/// An API failure that becomes a <c>Status</c> body with the same code, reason and message a real API server sends.
/// Everything below the HTTP layer throws these; the HTTP layer writes them.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiException(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>HTTP status code.</summary>
    public int Code { get; }
    /// <summary>Machine-readable reason (NotFound, Conflict, ...); empty for 500s without one.</summary>
    public string Reason { get; }
    /// <summary>The <c>details</c> object of the Status, if any.</summary>
    public JsonObject? Details { get; }
    /// <summary>Seconds a client should wait (429).</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>The Status object sent to the client.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Reason.Length == 0) status.Remove("reason");
        if (Details is not null) status["details"] = Details.DeepClone();
        status["code"] = Code;
        return status;
    }

    private static JsonObject NameDetails(ResourceType? rt, string? name, string? kindOverride = null)
    {
        var d = new JsonObject();
        if (name is not null) d["name"] = name;
        if (rt is not null)
        {
            if (rt.Group.Length > 0) d["group"] = rt.Group;
            d["kind"] = kindOverride ?? rt.Plural;
        }
        return d;
    }

    /// <summary>404 <c>deployments.apps "web" not found</c>.</summary>
    public static ApiException NotFound(ResourceType rt, string name) =>
        new(404, "NotFound", $"{rt.QualifiedName} \"{name}\" not found", NameDetails(rt, name));

    /// <summary>404 for a namespace that does not exist.</summary>
    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    /// <summary>404 for a path nothing serves.</summary>
    public static ApiException PathNotFound() => new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    /// <summary>409 AlreadyExists.</summary>
    public static ApiException AlreadyExists(ResourceType rt, string name) =>
        new(409, "AlreadyExists", $"{rt.QualifiedName} \"{name}\" already exists", NameDetails(rt, name));

    /// <summary>409 Conflict on a stale resourceVersion or failed precondition.</summary>
    public static ApiException Conflict(ResourceType rt, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {rt.QualifiedName} \"{name}\": {why}", NameDetails(rt, name));

    /// <summary>The standard optimistic-concurrency conflict.</summary>
    public static ApiException StaleResourceVersion(ResourceType rt, string name) =>
        Conflict(rt, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>400 BadRequest.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>422 Invalid with field causes.</summary>
    public static ApiException Invalid(ResourceType rt, string name, IReadOnlyList<StatusCause> causes)
    {
        var details = NameDetails(rt, name, rt.Kind);
        var arr = new JsonArray();
        foreach (var c in causes)
        {
            var o = new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message };
            if (c.Field is not null) o["field"] = c.Field;
            arr.Add(o);
        }
        details["causes"] = arr;
        var text = string.Join(", ", causes.Select(c => c.Field is null ? c.Message : $"{c.Field}: {c.Message}"));
        var prefix = causes.Count > 1 ? "[" + text + "]" : text;
        return new ApiException(422, "Invalid", $"{rt.Kind}{(rt.Group.Length > 0 ? "." + rt.Group : "")} \"{name}\" is invalid: {prefix}", details);
    }

    /// <summary>One field cause shortcut for 422.</summary>
    public static ApiException InvalidField(ResourceType rt, string name, string field, string message, string reason = "FieldValueInvalid") =>
        Invalid(rt, name, [new StatusCause(reason, message, field)]);

    /// <summary>410 Expired.</summary>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>403 Forbidden with the RBAC message shape.</summary>
    public static ApiException Forbidden(string message, ResourceType? rt = null, string? name = null) =>
        new(403, "Forbidden", message, rt is null ? new JsonObject() : NameDetails(rt, name));

    /// <summary>405 MethodNotAllowed.</summary>
    public static ApiException MethodNotSupported(string resource, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{resource}\"", new JsonObject());

    /// <summary>415 UnsupportedMediaType.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");

    /// <summary>429 TooManyRequests.</summary>
    public static ApiException TooManyRequests(string message, int retryAfter, ResourceType? rt = null, string? name = null)
    {
        var d = rt is null ? new JsonObject() : NameDetails(rt, name);
        d["retryAfterSeconds"] = retryAfter;
        return new ApiException(429, "TooManyRequests", message, d, retryAfter);
    }

    /// <summary>500 InternalError.</summary>
    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });
}
