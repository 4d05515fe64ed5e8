using System.Diagnostics.Metrics;
using Dashboard.Core.Telemetry;
using Dashboard.Kubernetes.Client;

namespace Dashboard.Core.Tests;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly Meter _meter = new("Test.Exporter." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests() => _exporter = PrometheusExporter.ForMeters(_meter.Name);

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Counters_get_total_and_sorted_escaped_labels()
    {
        var counter = _meter.CreateCounter<long>("dashboard.kube.requests", "{request}", "Requests sent.\nOne line per attempt \\ retry.");
        counter.Add(2, new("verb", "list"), new("code", "200"));
        counter.Add(3, new("code", "200"), new("verb", "list"));
        counter.Add(1, new("verb", "get"), new("code", "404"), new("path", "a\"b\\c\nd"));

        Assert.Equal(
            "# HELP dashboard_kube_requests_total Requests sent.\\nOne line per attempt \\\\ retry.\n" +
            "# TYPE dashboard_kube_requests_total counter\n" +
            "dashboard_kube_requests_total{code=\"200\",verb=\"list\"} 5\n" +
            "dashboard_kube_requests_total{code=\"404\",path=\"a\\\"b\\\\c\\nd\",verb=\"get\"} 1\n",
            _exporter.Render());
    }

    [Fact]
    public void Histograms_render_cumulative_buckets_sum_and_count_with_the_advised_boundaries()
    {
        var histogram = _meter.CreateHistogram("request.duration", "s", "Latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        histogram.Record(0.05, new KeyValuePair<string, object?>("verb", "get"));
        histogram.Record(0.1, new KeyValuePair<string, object?>("verb", "get")); // on a boundary: le is inclusive
        histogram.Record(0.5, new KeyValuePair<string, object?>("verb", "get"));
        histogram.Record(7, new KeyValuePair<string, object?>("verb", "get"));

        Assert.Equal(
            "# HELP request_duration_seconds Latency.\n" +
            "# TYPE request_duration_seconds histogram\n" +
            "request_duration_seconds_bucket{verb=\"get\",le=\"0.1\"} 2\n" +
            "request_duration_seconds_bucket{verb=\"get\",le=\"1\"} 3\n" +
            "request_duration_seconds_bucket{verb=\"get\",le=\"+Inf\"} 4\n" +
            "request_duration_seconds_sum{verb=\"get\"} 7.65\n" +
            "request_duration_seconds_count{verb=\"get\"} 4\n",
            _exporter.Render());
    }

    [Fact]
    public void Observable_gauges_report_the_current_state_only_and_up_down_counters_are_gauges()
    {
        var states = new Dictionary<string, int> { ["live"] = 3, ["syncing"] = 1 };
        _meter.CreateObservableGauge("informers", () => states.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("state", s.Key))), "{informer}", "Informers.");
        var circuits = _meter.CreateUpDownCounter<int>("circuits", null, "Open circuits.");
        circuits.Add(2);
        circuits.Add(-1);

        var first = _exporter.Render();
        states.Remove("syncing");
        states["live"] = 4;
        var second = _exporter.Render();

        Assert.Equal(
            "# HELP circuits Open circuits.\n# TYPE circuits gauge\ncircuits 1\n" +
            "# HELP informers Informers.\n# TYPE informers gauge\ninformers{state=\"live\"} 3\ninformers{state=\"syncing\"} 1\n", first);
        Assert.Equal(
            "# HELP circuits Open circuits.\n# TYPE circuits gauge\ncircuits 1\n" +
            "# HELP informers Informers.\n# TYPE informers gauge\ninformers{state=\"live\"} 4\n", second);
    }

    [Fact]
    public void Observable_counters_report_their_running_total_and_names_are_sanitized()
    {
        _meter.CreateObservableCounter("gc.pause-time", () => 1.5, "s");
        _meter.CreateObservableCounter("3d.objects", () => 7L);

        Assert.Equal(
            "# TYPE _3d_objects_total counter\n_3d_objects_total 7\n" +
            "# TYPE gc_pause_time_seconds_total counter\ngc_pause_time_seconds_total 1.5\n",
            _exporter.Render());
    }

    [Fact]
    public void Instruments_of_other_meters_are_not_exported_and_an_unused_instrument_renders_nothing()
    {
        using var other = new Meter("Test.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("foreign").Add(1);
        _meter.CreateCounter<long>("unused");

        Assert.Equal("", _exporter.Render());
    }

    [Fact]
    public void Label_sets_beyond_the_limit_are_dropped_instead_of_growing_without_bound()
    {
        using var limited = new PrometheusExporter(i => i.Meter == _meter, maxSeries: 2);
        var counter = _meter.CreateCounter<long>("hits");
        foreach (var user in new[] { "a", "b", "c", "a" }) counter.Add(1, new KeyValuePair<string, object?>("user", user));

        Assert.Equal("# TYPE hits_total counter\nhits_total{user=\"a\"} 2\nhits_total{user=\"b\"} 1\n", limited.Render());
    }

    [Fact]
    public void Numbers_use_prometheus_spellings()
    {
        Assert.Equal("+Inf", PrometheusExporter.Number(double.PositiveInfinity));
        Assert.Equal("-Inf", PrometheusExporter.Number(double.NegativeInfinity));
        Assert.Equal("NaN", PrometheusExporter.Number(double.NaN));
        Assert.Equal("0.25", PrometheusExporter.Number(0.25));
        Assert.Equal("30000", PrometheusExporter.Number(30000));
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/shop/pods?limit=500", "list", "pods")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods?watch=true&resourceVersion=5", "watch", "pods")]
    [InlineData("GET", "/api/v1/pods", "list", "pods")]
    [InlineData("GET", "/api/v1/namespaces", "list", "namespaces")]
    [InlineData("GET", "/api/v1/namespaces/shop", "get", "namespaces")]
    [InlineData("PUT", "/api/v1/namespaces/shop/finalize", "update", "namespaces/finalize")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods/web-1/log?follow=true", "get", "pods/log")]
    [InlineData("POST", "/apis/apps/v1/namespaces/shop/deployments", "create", "deployments")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/shop/deployments/web/scale", "patch", "deployments/scale")]
    [InlineData("DELETE", "/api/v1/namespaces/shop/configmaps", "deletecollection", "configmaps")]
    [InlineData("DELETE", "/api/v1/nodes/n1", "delete", "nodes")]
    [InlineData("GET", "/version", "get", "")]
    [InlineData("GET", "/apis/apps/v1", "get", "")]
    public void Client_requests_are_classified_by_kubernetes_verb_and_resource(string method, string path, string verb, string resource)
    {
        var (v, r) = KubeClientMetrics.Classify(new HttpMethod(method), new Uri(new Uri("https://k8s:6443"), path));
        Assert.Equal((verb, resource), (v, r));
    }
}
