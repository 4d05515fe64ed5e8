using System.Net;
using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Client;

/// <summary>One field-level cause from a Status' <c>details.causes</c>.</summary>
/// <param name="Reason">Machine-readable reason, e.g. <c>FieldValueInvalid</c>.</param>
/// <param name="Message">Human-readable message.</param>
/// <param name="Field">The field at fault, e.g. <c>spec.replicas</c>, when the API names one.</param>
public sealed record KubeStatusCause(string Reason, string Message, string? Field);

/// <summary>
/// A non-2xx answer from the API server, carrying what its Status body says: code, reason, message, the object it is
/// about and field causes. Every failed request of <see cref="KubeApiClient"/> surfaces as this type.
/// </summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeApiException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<KubeStatusCause>? causes = null,
        string? name = null, string? kind = null, TimeSpan? retryAfter = null, JsonObject? status = null)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
        Causes = causes ?? [];
        Name = name;
        Kind = kind;
        RetryAfter = retryAfter;
        Status = status;
    }

    /// <summary>HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }
    /// <summary>The Status reason (NotFound, Conflict, Forbidden, Invalid...), or the HTTP reason when no Status came back.</summary>
    public string Reason { get; }
    /// <summary>Field causes (422 Invalid, 409 FieldManagerConflict...).</summary>
    public IReadOnlyList<KubeStatusCause> Causes { get; }
    /// <summary>details.name.</summary>
    public string? Name { get; }
    /// <summary>details.kind.</summary>
    public string? Kind { get; }
    /// <summary>How long the server asked us to wait (429, some 5xx).</summary>
    public TimeSpan? RetryAfter { get; }
    /// <summary>The raw Status object, when the body was one.</summary>
    public JsonObject? Status { get; }

    /// <summary>Numeric status code.</summary>
    public int Code => (int)StatusCode;

    /// <summary>True for 404.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
    /// <summary>True for 409 Conflict (stale resourceVersion or apply conflict), not AlreadyExists.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && Reason == "Conflict";
    /// <summary>True for 409 AlreadyExists.</summary>
    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";
    /// <summary>True for 403.</summary>
    public bool IsForbidden => StatusCode == HttpStatusCode.Forbidden;
    /// <summary>True for 401: the credential is missing, expired or revoked.</summary>
    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;
    /// <summary>True for 410 Expired / Gone (relist needed).</summary>
    public bool IsExpired => StatusCode == HttpStatusCode.Gone;
    /// <summary>True for 422 Invalid.</summary>
    public bool IsInvalid => StatusCode == HttpStatusCode.UnprocessableEntity;

    /// <summary>Builds the exception from a response body (a Status, or anything else).</summary>
    public static KubeApiException FromResponse(HttpStatusCode code, string? reasonPhrase, string body, TimeSpan? retryAfter)
    {
        JsonObject? status = null;
        try { status = JsonNode.Parse(body) as JsonObject; }
        catch (System.Text.Json.JsonException) { }
        if (status is not null && (string?)status["kind"] == "Status")
        {
            var details = status["details"] as JsonObject;
            var causes = (details?["causes"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(c => new KubeStatusCause((string?)c["reason"] ?? "", (string?)c["message"] ?? "", (string?)c["field"]))
                .ToList();
            if (retryAfter is null && details?["retryAfterSeconds"] is JsonValue ra && ra.TryGetValue<int>(out var s)) retryAfter = TimeSpan.FromSeconds(s);
            return new KubeApiException(code, (string?)status["reason"] ?? reasonPhrase ?? code.ToString(),
                (string?)status["message"] ?? $"{(int)code} {reasonPhrase}", causes, (string?)details?["name"], (string?)details?["kind"], retryAfter, status);
        }
        var text = body.Length > 300 ? body[..300] + "…" : body;
        return new KubeApiException(code, reasonPhrase ?? code.ToString(), $"the server answered {(int)code} {reasonPhrase}{(text.Length > 0 ? ": " + text.Trim() : "")}", retryAfter: retryAfter);
    }
}

/// <summary>Why a request never got an HTTP answer.</summary>
public enum KubeConnectionFailure
{
    /// <summary>Nothing listens at the address (connection refused).</summary>
    Refused,
    /// <summary>The host name does not resolve.</summary>
    NameResolution,
    /// <summary>The server's certificate is not trusted or does not match the host.</summary>
    Tls,
    /// <summary>No answer in time.</summary>
    Timeout,
    /// <summary>The connection broke for another reason.</summary>
    Other,
}

/// <summary>The API server could not be reached; <see cref="Exception.Message"/> explains what to check.</summary>
public sealed class KubeConnectionException(KubeConnectionFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What kind of failure it was.</summary>
    public KubeConnectionFailure Failure { get; } = failure;
}
