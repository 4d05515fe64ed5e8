using System.Diagnostics.Metrics;
using Dashboard.Core.Telemetry;
using Dashboard.Kubernetes.Client;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Hosting;

/// <summary>
/// /metrics: the dashboard's own meter (informers, cache, watch events, relists, actions), the Kubernetes client's
/// requests and the Blazor circuits, in the Prometheus text format. Anonymous, like the kubelet's probes: it names
/// resources and API servers, never objects, users or tokens (restrict it with the NetworkPolicy if needed).
/// </summary>
internal static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DashboardMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<CircuitMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetricsHandler>());
        services.AddSingleton(sp =>
        {
            var dashboard = sp.GetRequiredService<DashboardMetrics>().Meter;
            var circuits = sp.GetRequiredService<CircuitMetrics>().Meter;
            // The client meter is process-wide (clients are made without DI); its series carry the API server's address.
            return new PrometheusExporter(i => i.Meter == dashboard || i.Meter == circuits || i.Meter.Name == KubeClientMetrics.MeterName);
        });
        return services;
    }

    public static void MapMetricsEndpoint(this WebApplication app)
    {
        // Resolved now, so that counting starts with the app rather than with the first scrape.
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        app.MapGet(Path, () => Results.Text(exporter.Render(), PrometheusExporter.ContentType)).AllowAnonymous();
    }
}

/// <summary>
/// Blazor Server circuits: open, and connected right now (a circuit outlives a dropped connection for a while). The
/// gauges are read from the set of circuits rather than summed from events, so a repeated or missed event cannot make
/// them drift.
/// </summary>
internal sealed class CircuitMetrics
{
    public const string MeterName = "Dashboard.Web";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _circuits = new(StringComparer.Ordinal);
    private readonly Counter<long> _started;

    public CircuitMetrics(IMeterFactory factory)
    {
        Meter = factory.Create(MeterName);
        Meter.CreateObservableGauge("dashboard.circuits", () => (long)_circuits.Count, "{circuit}",
            "Blazor Server circuits open (one per browser tab with the dashboard).");
        Meter.CreateObservableGauge("dashboard.circuit.connections", () => (long)_circuits.Values.Count(connected => connected), "{connection}",
            "Circuits whose browser is connected right now (the others wait for their tab to reconnect).");
        _started = Meter.CreateCounter<long>("dashboard.circuits.started", "{circuit}", "Circuits opened since the dashboard started.");
    }

    public Meter Meter { get; }

    public void Opened(string id)
    {
        _circuits[id] = true;
        _started.Add(1);
    }

    public void Closed(string id) => _circuits.TryRemove(id, out _);
    public void Connected(string id) => _circuits[id] = true;

    public void Disconnected(string id)
    {
        if (_circuits.ContainsKey(id)) _circuits[id] = false;
    }
}

/// <summary>One per circuit: reports its life to <see cref="CircuitMetrics"/>.</summary>
internal sealed class CircuitMetricsHandler(CircuitMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Opened(circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Connected(circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Disconnected(circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.Closed(circuit.Id);
        return Task.CompletedTask;
    }
}
