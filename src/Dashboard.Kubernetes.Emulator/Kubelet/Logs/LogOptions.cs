using System.Globalization;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Kubelet.Logs;

/// <summary>PodLogOptions from the query string, validated like the API server does.</summary>
internal sealed record LogOptions(
    string? Container,
    bool Follow,
    bool Previous,
    bool Timestamps,
    long? TailLines,
    DateTimeOffset? Since,
    long? LimitBytes)
{
    public static LogOptions Parse(ApiRequest request, DateTimeOffset now)
    {
        var tail = Number(request, "tailLines", 0);
        var limit = Number(request, "limitBytes", 1);
        var sinceSeconds = Number(request, "sinceSeconds", 1);
        DateTimeOffset? since = null;
        if (request.Query("sinceTime") is { Length: > 0 } sinceTime)
        {
            if (sinceSeconds is not null)
                throw Invalid("sinceSeconds", "at most one of `sinceTime` or `sinceSeconds` may be specified");
            since = Json.ParseTime(sinceTime) ?? throw ApiException.BadRequest($"parsing time \"{sinceTime}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{sinceTime}\" as \"2006\"");
        }
        else if (sinceSeconds is { } s) since = now.AddSeconds(-s);
        return new LogOptions(request.Query("container"), request.QueryFlag("follow"), request.QueryFlag("previous"),
            request.QueryFlag("timestamps"), tail, since, limit);
    }

    private static long? Number(ApiRequest request, string name, long min)
    {
        if (request.Query(name) is not { Length: > 0 } text) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw ApiException.BadRequest($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
        if (v < min) throw Invalid(name, min == 0 ? "must be greater than or equal to 0" : "must be greater than 0");
        return v;
    }

    private static ApiException Invalid(string field, string message) =>
        new(422, "Invalid", $"PodLogOptions \"\" is invalid: {field}: Invalid value: {message}",
            new System.Text.Json.Nodes.JsonObject
            {
                ["kind"] = "PodLogOptions",
                ["causes"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                {
                    ["reason"] = "FieldValueInvalid", ["message"] = $"Invalid value: {message}", ["field"] = field,
                }),
            });
}
