namespace Dashboard.Web.Hosting;

/// <summary>Liveness and readiness for the kubelet's probes.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        // Liveness: the process serves requests. It must not depend on the cluster, or an API server outage restarts us.
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        // Readiness: the default cluster answers /version with the cluster's own or the demo admin credential.
        app.MapGet("/readyz", async (ClusterConnections clusters, Core.Caching.KubeClientPool pool, CancellationToken ct) =>
        {
            var cluster = clusters.Default;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                using var client = new Kubernetes.Client.KubeApiClient(pool.ClusterSettings(cluster.Name));
                await client.VersionAsync(timeout.Token).ConfigureAwait(false);
                return Results.Text("ok");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return Results.Text($"cluster {cluster.Name} unreachable: {e.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous();
    }
}
