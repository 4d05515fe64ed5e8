using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Kubernetes.Client;

public sealed partial class KubeApiClient
{
    /// <summary>
    /// Watches a resource. The stream resumes by itself from the last resourceVersion it saw (bookmarks included) when
    /// the server ends it; a 410 ends it with a <see cref="WatchEventType.Expired"/> event so the caller relists; a line
    /// that cannot be decoded gives a <see cref="WatchEventType.Malformed"/> event and the stream goes on.
    /// Other failures (403, connection lost for good) throw.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<KubeObject>> WatchAsync(ResourceKind kind, string? ns = null, WatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new WatchOptions();
        var rv = options.ResourceVersion;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var query = Query(("watch", "true"), ("allowWatchBookmarks", options.AllowBookmarks ? "true" : null),
                ("labelSelector", options.LabelSelector), ("fieldSelector", options.FieldSelector), ("resourceVersion", rv),
                ("timeoutSeconds", options.Timeout is { } t ? ((int)t.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
            HttpResponseMessage? response = null;
            string? expired = null;
            try
            {
                (response, expired) = await ConnectWatchAsync(kind.CollectionPath(ns) + query, ct).ConfigureAwait(false);
            }
            catch (KubeConnectionException) when (options.Resume && ++failures <= 5 && rv is not null)
            {
                await Task.Delay(Backoff(failures), ct).ConfigureAwait(false);
                continue;
            }
            if (response is null)
            {
                yield return new WatchEvent<KubeObject>(WatchEventType.Expired, null, null, expired);
                yield break;
            }
            using (response)
            {
                using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                var reader = new Utf8LineReader(stream);
                while (true)
                {
                    ReadOnlyMemory<byte>? line;
                    try
                    {
                        line = await reader.ReadLineAsync(ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
                    {
                        break; // the connection dropped: resume below from the last resourceVersion
                    }
                    if (line is not { } bytes) break;
                    if (bytes.Length == 0) continue;
                    failures = 0;
                    var evt = Decode(bytes.Span);
                    if (evt.ResourceVersion is { Length: > 0 } seen && evt.Type is not (WatchEventType.Error or WatchEventType.Malformed)) rv = seen;
                    yield return evt;
                    if (evt.Type == WatchEventType.Expired) yield break;
                }
            }
            if (!options.Resume || ct.IsCancellationRequested) yield break;
            if (rv is null)
            {
                // Nothing was seen yet: resuming without a version would replay everything as ADDED. Let the caller relist.
                yield return new WatchEvent<KubeObject>(WatchEventType.Expired, null, null, "the watch ended before any resourceVersion was seen");
                yield break;
            }
        }
    }

    private async Task<(HttpResponseMessage? Response, string? Expired)> ConnectWatchAsync(string pathAndQuery, CancellationToken ct)
    {
        try
        {
            return (await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), HttpCompletionOption.ResponseHeadersRead, streaming: true, ct)
                .ConfigureAwait(false), null);
        }
        catch (KubeApiException e) when (e.IsExpired)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Typed watch of a built-in kind.</summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(string? ns = null, WatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default) where T : KubeObject, IKubeKind<T>
    {
        await foreach (var e in WatchAsync(T.Resource, ns, options, ct).ConfigureAwait(false))
            yield return new WatchEvent<T>(e.Type, e.Object is null ? null : T.Wrap(e.Object.Json), e.ResourceVersion, e.Message, e.Status);
    }

    /// <summary>Decodes one watch line given as text.</summary>
    public static WatchEvent<KubeObject> Decode(string line) => Decode(System.Text.Encoding.UTF8.GetBytes(line));

    /// <summary>Decodes one watch line from its UTF-8 bytes (what the stream delivers; exposed for the benchmark).</summary>
    public static WatchEvent<KubeObject> Decode(ReadOnlySpan<byte> line)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException e)
        {
            return new WatchEvent<KubeObject>(WatchEventType.Malformed, null, null, $"undecodable watch line: {e.Message}");
        }
        var type = (string?)root?["type"];
        var obj = root?["object"] as JsonObject;
        if (root is null || type is null || obj is null)
            return new WatchEvent<KubeObject>(WatchEventType.Malformed, null, null, "a watch line without type or object");
        var rv = (string?)obj["metadata"]?["resourceVersion"];
        switch (type)
        {
            case "ADDED": return new(WatchEventType.Added, new KubeObject(obj), rv);
            case "MODIFIED": return new(WatchEventType.Modified, new KubeObject(obj), rv);
            case "DELETED": return new(WatchEventType.Deleted, new KubeObject(obj), rv);
            case "BOOKMARK": return new(WatchEventType.Bookmark, null, rv);
            case "ERROR":
                var code = obj["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : 0;
                var message = (string?)obj["message"] ?? "watch error";
                return code == (int)HttpStatusCode.Gone
                    ? new(WatchEventType.Expired, null, null, message, obj)
                    : new(WatchEventType.Error, null, null, message, obj);
            default:
                return new(WatchEventType.Malformed, null, null, $"unknown watch event type {type}");
        }
    }

    /// <summary>Streams a container's log lines (with <see cref="LogOptions.Follow"/>, until the container stops or the token fires).</summary>
    public async IAsyncEnumerable<string> LogsAsync(string ns, string pod, LogOptions? options = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new LogOptions();
        var query = Query(("container", options.Container), ("follow", options.Follow ? "true" : null), ("previous", options.Previous ? "true" : null),
            ("timestamps", options.Timestamps ? "true" : null), ("tailLines", options.TailLines?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("sinceSeconds", options.SinceSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("sinceTime", options.SinceTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            ("limitBytes", options.LimitBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var response = await _http.SendAsync(() =>
        {
            var r = new HttpRequestMessage(HttpMethod.Get, Pod.Resource.ItemPath(ns, pod, "log") + query);
            r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            return r;
        }, HttpCompletionOption.ResponseHeadersRead, streaming: options.Follow, ct).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            yield return line;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(5000, 200 * Math.Pow(2, attempt - 1)) * (0.8 + Random.Shared.NextDouble() * 0.4));
}
