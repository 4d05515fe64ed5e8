using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Dashboard.Kubernetes.Client;

/// <summary>
/// Metrics of every HTTP request the client sends (each retry attempt counts): the meter
/// <see cref="MeterName"/> with a request counter and a duration histogram, tagged with the API server, the
/// Kubernetes verb (get, list, watch, create, update, patch, delete...), the resource and the HTTP status code.
/// </summary>
public static class KubeClientMetrics
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "Dashboard.Kubernetes";

    private static readonly Meter Meter = new(MeterName);

    // Durations of streams (watch, log follow, exec) end at the response headers: the stream's own life is not latency.
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("dashboard.kube.requests", "{request}",
        "HTTP requests sent to Kubernetes API servers, by server, verb, resource and status code (\"error\" when no answer came, \"canceled\" when the caller gave up).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram("dashboard.kube.request.duration", "s",
        "Time from sending a request to an API server until its response headers arrived, by server, verb and status code.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    internal static void Record(string server, HttpMethod method, Uri? uri, string code, TimeSpan elapsed)
    {
        var (verb, resource) = Classify(method, uri);
        var tags = new TagList { { "server", server }, { "verb", verb }, { "code", code } };
        Duration.Record(elapsed.TotalSeconds, tags);
        tags.Add("resource", resource);
        Requests.Add(1, tags);
    }

    /// <summary>
    /// The Kubernetes verb and resource of a request, read from its method and path the way the API server's request
    /// info does (a GET of a collection is a list, with watch=true a watch; a namespace's status is not a resource).
    /// Paths outside /api and /apis (discovery, /version, /openapi) are "get" of resource "".
    /// </summary>
    public static (string Verb, string Resource) Classify(HttpMethod method, Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        var path = uri is null ? "" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        var query = uri is null ? "" : uri.IsAbsoluteUri ? uri.Query : uri.OriginalString.Contains('?', StringComparison.Ordinal) ? uri.OriginalString.Split('?', 2)[1] : "";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var skip = parts.Length >= 2 && parts[0] == "api" ? 2 : parts.Length >= 3 && parts[0] == "apis" ? 3 : -1;
        if (skip < 0 || parts.Length == skip) return (Lower(method), "");
        var rest = parts.AsSpan(skip);
        if (rest.Length >= 3 && rest[0] == "namespaces" && rest[2] is not ("status" or "finalize")) rest = rest[2..];
        var resource = rest.Length >= 3 ? $"{rest[0]}/{rest[2]}" : rest[0];
        var collection = rest.Length == 1;
        var watch = query.Contains("watch=true", StringComparison.Ordinal) || query.Contains("watch=1", StringComparison.Ordinal);
        var verb = method.Method switch
        {
            "GET" or "HEAD" when watch => "watch",
            "GET" or "HEAD" => collection ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => collection ? "deletecollection" : "delete",
            _ => Lower(method),
        };
        return (verb, resource);
    }

#pragma warning disable CA1308 // Kubernetes verbs are lower case by definition.
    private static string Lower(HttpMethod method) => method.Method.ToLowerInvariant();
#pragma warning restore CA1308
}

/// <summary>Times and counts each attempt that reaches the wire (retries included) for <see cref="KubeClientMetrics"/>.</summary>
internal sealed class MetricsHandler(HttpMessageHandler inner, string server) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string code = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            code = "canceled";
            throw;
        }
        finally
        {
            KubeClientMetrics.Record(server, request.Method, request.RequestUri, code, Stopwatch.GetElapsedTime(started));
        }
    }
}
