using BenchmarkDotNet.Attributes;
using Dashboard.Core.Streams;

namespace Dashboard.Benchmarks;

/// <summary>
/// The logs viewer at its bound of 100,000 lines: appending a session batch (with a search active, so new lines are
/// searched), searching all lines, and fetching one screen of rows for the virtualized list.
/// </summary>
[MemoryDiagnoser]
public class LogViewBenchmark
{
    private static readonly LogSource Source = new("shop", "frontend-7c7c6f65cb-df5ck", "nginx");
    private LogView _full = null!;
    private List<LogLine> _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _full = new LogView();
        for (var b = 0; b < 20; b++) _full.Append(Lines(b * 5000, 5000));
        _full.Search("GET /api", onlyMatching: true);
        _batch = Lines(100_000, 5000);
    }

    private static List<LogLine> Lines(int from, int count) => Enumerable.Range(from, count)
        .Select(i => new LogLine(Source, DateTimeOffset.UnixEpoch.AddMilliseconds(i),
            $"10.244.{i % 250}.{i % 200} - - [22/Nov/2026:02:55:{i % 60:00} +0000] \"GET /{(i % 7 == 0 ? "api/cart" : "index.html")} HTTP/1.1\" 200 {i % 5000} \"-\" \"Mozilla/5.0\""))
        .ToList();

    [Benchmark(Description = "append 5,000 lines to a full 100k view (search active, oldest trimmed)")]
    public int Append()
    {
        _full.Append(_batch);
        return _full.Count;
    }

    [Benchmark(Description = "search 100k lines")]
    public int Search()
    {
        _full.Search("HTTP/1.1\" 200 42");
        return _full.MatchCount;
    }

    [Benchmark(Description = "rows for one screen (60) at the middle of 100k")]
    public int Screen() => _full.Rows(_full.Count / 2, 60).Count;
}
