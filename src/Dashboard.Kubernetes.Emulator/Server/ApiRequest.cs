using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>One authenticated, parsed API request with helpers to read its body and write answers.</summary>
public sealed class ApiRequest
{
    internal ApiRequest(HttpContext http, UserInfo user, RequestInfo info, EmulatorContext context)
    {
        Http = http;
        User = user;
        Info = info;
        Context = context;
    }

    /// <summary>The HTTP exchange.</summary>
    public HttpContext Http { get; }
    /// <summary>The caller (after impersonation).</summary>
    public UserInfo User { get; }
    /// <summary>What the path addresses.</summary>
    public RequestInfo Info { get; }
    /// <summary>The emulator.</summary>
    public EmulatorContext Context { get; }
    /// <summary>The request was cancelled (client went away).</summary>
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>A query parameter, or null.</summary>
    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>All values of a repeated query parameter.</summary>
    public IReadOnlyList<string> QueryAll(string name) =>
        Http.Request.Query.TryGetValue(name, out var v) ? v.Where(s => s is not null).Select(s => s!).ToList() : [];

    /// <summary>A boolean query parameter (true/1).</summary>
    public bool QueryFlag(string name) => Query(name) is "true" or "1";

    /// <summary>True when dryRun=All was asked for.</summary>
    public bool DryRun => QueryAll("dryRun").Contains("All");

    /// <summary>The request's media type (without parameters).</summary>
    public string MediaType => (Http.Request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>Reads the whole body.</summary>
    public async Task<byte[]> ReadBodyAsync()
    {
        using var ms = new MemoryStream();
        await Http.Request.Body.CopyToAsync(ms, Aborted).ConfigureAwait(false);
        return ms.ToArray();
    }

    /// <summary>Reads the body as an object, decoding protobuf and YAML where needed.</summary>
    public async Task<JsonObject> ReadObjectAsync(ResourceType? expected = null)
    {
        var body = await ReadBodyAsync().ConfigureAwait(false);
        return DecodeObject(body, expected ?? Info.Type);
    }

    /// <summary>Decodes a body that is JSON, YAML or a registered binary encoding.</summary>
    public JsonObject DecodeObject(byte[] body, ResourceType? expected)
    {
        var media = MediaType;
        foreach (var decoder in Context.BodyDecoders)
            if (decoder.CanDecode(media)) return decoder.Decode(body, expected);
        if (body.Length == 0) throw ApiException.BadRequest("the body of the request was empty");
        if (media.Contains("yaml", StringComparison.Ordinal)) return Yaml.ParseObject(body);
        try
        {
            return Json.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the object provided is unrecognized: {e.Message}");
        }
    }

    /// <summary>Writes a JSON object with a status code.</summary>
    public Task WriteAsync(int statusCode, JsonNode body) => WriteBytesAsync(statusCode, Json.Bytes(body));

    /// <summary>Writes pre-serialized JSON.</summary>
    public async Task WriteBytesAsync(int statusCode, byte[] json, string contentType = "application/json")
    {
        Http.Response.StatusCode = statusCode;
        Http.Response.ContentType = contentType;
        Http.Response.ContentLength = json.Length;
        await Http.Response.Body.WriteAsync(json, Aborted).ConfigureAwait(false);
    }

    /// <summary>Writes a failure Status.</summary>
    public Task WriteErrorAsync(ApiException error)
    {
        if (error.RetryAfterSeconds is { } s) Http.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(error.Code, error.ToStatus());
    }
}
