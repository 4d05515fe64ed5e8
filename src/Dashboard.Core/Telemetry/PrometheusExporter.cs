using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Dashboard.Core.Telemetry;

/// <summary>
/// Listens to System.Diagnostics.Metrics instruments and renders them in the Prometheus text exposition format 0.0.4
/// (what <c>/metrics</c> serves). Counters become <c>_total</c> counters, up-down counters and gauges become gauges,
/// histograms become cumulative <c>_bucket</c>/<c>_sum</c>/<c>_count</c> series. Names follow the OpenTelemetry to
/// Prometheus rules: dots become underscores and the unit is appended (<c>s</c> → <c>_seconds</c>); annotations such
/// as <c>{request}</c> are dropped. Instruments of the same name (several meters of one name) are summed.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The Content-Type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _states = new();
    private readonly object _collect = new();
    private readonly int _maxSeries;

    /// <summary>Exports every instrument <paramref name="include"/> accepts (at most <paramref name="maxSeries"/> label sets each).</summary>
    public PrometheusExporter(Func<Instrument, bool> include, int maxSeries = 2000)
    {
        ArgumentNullException.ThrowIfNull(include);
        _maxSeries = maxSeries;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!include(instrument) || Classify(instrument) is not { } kind) return;
            var state = new InstrumentState(instrument, kind, kind == Kind.Histogram ? Buckets(instrument) : null);
            _states[instrument] = state;
            listener.EnableMeasurementEvents(instrument, state);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _states.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags, _maxSeries));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags, _maxSeries));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags, _maxSeries));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags, _maxSeries));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags, _maxSeries));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, s) => ((InstrumentState)s!).Record(v, tags, _maxSeries));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, s) => ((InstrumentState)s!).Record((double)v, tags, _maxSeries));
        _listener.Start();
    }

    /// <summary>Exports the instruments of the meters with these names.</summary>
    public static PrometheusExporter ForMeters(params string[] meterNames)
    {
        var names = new HashSet<string>(meterNames, StringComparer.Ordinal);
        return new PrometheusExporter(i => names.Contains(i.Meter.Name));
    }

    /// <summary>Observes the observable instruments and renders everything as Prometheus text.</summary>
    public string Render()
    {
        lock (_collect)
        {
            // Observable instruments report their whole state each time: forget the last observation first, so that a
            // label set that is no longer reported disappears instead of repeating its last value forever.
            foreach (var s in _states.Values.Where(s => s.Observable)) s.Clear();
            _listener.RecordObservableInstruments();
            var sb = new StringBuilder();
            foreach (var family in _states.Values.GroupBy(s => s.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                WriteFamily(sb, family.Key, family.ToList());
            return sb.ToString();
        }
    }

    private static void WriteFamily(StringBuilder sb, string name, List<InstrumentState> states)
    {
        var first = states[0];
        // Same-named instruments of another kind (or other buckets) cannot be merged: the first one wins.
        var merged = first.Snapshot();
        foreach (var other in states.Skip(1).Where(s => s.Kind == first.Kind && s.SameBuckets(first)))
        {
            foreach (var (labels, series) in other.Snapshot())
            {
                if (merged.TryGetValue(labels, out var existing)) existing.Add(series);
                else merged[labels] = series;
            }
        }
        if (merged.Count == 0) return;
        if (!string.IsNullOrEmpty(first.Instrument.Description))
            sb.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(first.Instrument.Description)).Append('\n');
        sb.Append("# TYPE ").Append(name).Append(' ').Append(first.Kind switch
        {
            Kind.Counter or Kind.ObservedCounter => "counter",
            Kind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (var (labels, series) in merged.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (first.Kind != Kind.Histogram)
            {
                Line(sb, name, labels, null, Number(series.Value));
                continue;
            }
            long cumulative = 0;
            for (var i = 0; i < first.Bounds!.Length; i++)
            {
                cumulative += series.Buckets![i];
                Line(sb, name + "_bucket", labels, Number(first.Bounds[i]), cumulative.ToString(CultureInfo.InvariantCulture));
            }
            Line(sb, name + "_bucket", labels, "+Inf", series.Count.ToString(CultureInfo.InvariantCulture));
            Line(sb, name + "_sum", labels, null, Number(series.Value));
            Line(sb, name + "_count", labels, null, series.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Line(StringBuilder sb, string name, string labels, string? le, string value)
    {
        sb.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            sb.Append('{').Append(labels);
            if (le is not null) sb.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            sb.Append('}');
        }
        sb.Append(' ').Append(value).Append('\n');
    }

    /// <summary>A sample value as Prometheus writes it (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, shortest round-trip otherwise).</summary>
    internal static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>HELP text escaping: backslash and line feed.</summary>
    internal static string EscapeHelp(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Label value escaping: backslash, double quote and line feed.</summary>
    internal static string EscapeLabel(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A metric or label name: characters outside [a-zA-Z0-9_] (and ':' for metrics) become '_'; no leading digit.</summary>
    internal static string Sanitize(string name, bool metric)
    {
        var sb = new StringBuilder(name.Length + 1);
        foreach (var c in name)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (metric && c == ':') ? c : '_');
        if (sb.Length == 0 || char.IsAsciiDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    /// <summary>The Prometheus name of an instrument: sanitized, with its unit and (for counters) <c>_total</c>.</summary>
    internal static string MetricName(string instrumentName, string? unit, bool counter)
    {
        var name = Sanitize(instrumentName, metric: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal)) name += "_" + suffix;
        if (counter && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
        return name;
    }

    private static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrEmpty(unit)) return "";
        // UCUM annotations in braces ("{request}") name what is counted, not a unit.
        var bare = System.Text.RegularExpressions.Regex.Replace(unit, @"\{[^}]*\}", "").Trim();
        return bare switch
        {
            "" or "1" => "",
            "s" => "seconds",
            "ms" => "milliseconds",
            "us" => "microseconds",
            "By" => "bytes",
            "KiBy" => "kibibytes",
            "MiBy" => "mebibytes",
            "%" => "percent",
            _ => Sanitize(bare.Replace("/", "_per_", StringComparison.Ordinal), metric: true).Trim('_'),
        };
    }

    private static Kind? Classify(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType) return null;
        var type = instrument.GetType().GetGenericTypeDefinition();
        if (type == typeof(Counter<>)) return Kind.Counter;
        if (type == typeof(UpDownCounter<>)) return Kind.UpDownCounter;
        if (type == typeof(Histogram<>)) return Kind.Histogram;
        if (type == typeof(Gauge<>)) return Kind.Gauge;
        if (type == typeof(ObservableCounter<>)) return Kind.ObservedCounter;
        if (type == typeof(ObservableUpDownCounter<>) || type == typeof(ObservableGauge<>)) return Kind.ObservedGauge;
        return null;
    }

    private static double[] Buckets(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Instrument<double> d => d.Advice?.HistogramBucketBoundaries,
            Instrument<float> f => f.Advice?.HistogramBucketBoundaries?.Select(x => (double)x),
            Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(x => (double)x),
            Instrument<int> n => n.Advice?.HistogramBucketBoundaries?.Select(x => (double)x),
            _ => null,
        };
        return advised?.ToArray() ?? (instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets);
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private enum Kind { Counter, UpDownCounter, Histogram, Gauge, ObservedCounter, ObservedGauge }

    private sealed class Series(int buckets)
    {
        public double Value; // the sum for counters and histograms, the value for gauges
        public long Count;
        public long[]? Buckets = buckets > 0 ? new long[buckets] : null;

        public Series Copy() => new(0) { Value = Value, Count = Count, Buckets = (long[]?)Buckets?.Clone() };

        public void Add(Series other)
        {
            Value += other.Value;
            Count += other.Count;
            if (Buckets is not null && other.Buckets is not null)
                for (var i = 0; i < Buckets.Length; i++) Buckets[i] += other.Buckets[i];
        }
    }

    private sealed class InstrumentState(Instrument instrument, Kind kind, double[]? bounds)
    {
        private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

        public Instrument Instrument { get; } = instrument;
        public Kind Kind { get; } = kind;
        public double[]? Bounds { get; } = bounds;
        public string Name { get; } = MetricName(instrument.Name, instrument.Unit, kind is Kind.Counter or Kind.ObservedCounter);
        public bool Observable => Kind is Kind.ObservedCounter or Kind.ObservedGauge;

        public bool SameBuckets(InstrumentState other) => Bounds is null ? other.Bounds is null : other.Bounds is not null && Bounds.SequenceEqual(other.Bounds);

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, int maxSeries)
        {
            var labels = Labels(tags);
            lock (_series)
            {
                if (!_series.TryGetValue(labels, out var series))
                {
                    if (_series.Count >= maxSeries) return; // a label with unbounded values must not exhaust memory
                    series = _series[labels] = new Series(Bounds is null ? 0 : Bounds.Length + 1);
                }
                switch (Kind)
                {
                    case Kind.Counter or Kind.UpDownCounter:
                        series.Value += value;
                        break;
                    case Kind.Histogram:
                        series.Value += value;
                        series.Count++;
                        var i = 0;
                        while (i < Bounds!.Length && value > Bounds[i]) i++;
                        series.Buckets![i]++;
                        break;
                    default: // observed counters report their running total; gauges their current value
                        series.Value = value;
                        break;
                }
            }
        }

        public void Clear()
        {
            lock (_series) _series.Clear();
        }

        public Dictionary<string, Series> Snapshot()
        {
            lock (_series) return _series.ToDictionary(kv => kv.Key, kv => kv.Value.Copy(), StringComparer.Ordinal);
        }

        /// <summary>The label set, sorted by name, as rendered between the braces (also the series key).</summary>
        private string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = new List<KeyValuePair<string, string>>(tags.Length + 2);
            if (Instrument.Tags is not null)
                foreach (var t in Instrument.Tags) all.Add(new(Sanitize(t.Key, metric: false), Format(t.Value)));
            foreach (var t in tags) all.Add(new(Sanitize(t.Key, metric: false), Format(t.Value)));
            if (all.Count == 0) return "";
            all.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            var sb = new StringBuilder();
            string? previous = null;
            foreach (var (key, value) in all)
            {
                if (key == previous) continue; // a measurement's tag may repeat one of the instrument's: keep one
                if (sb.Length > 0) sb.Append(',');
                sb.Append(key).Append("=\"").Append(EscapeLabel(value)).Append('"');
                previous = key;
            }
            return sb.ToString();
        }

        private static string Format(object? value) => value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
