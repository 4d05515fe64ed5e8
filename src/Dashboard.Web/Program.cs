using Dashboard.Web.Hosting;

// All wiring lives in DashboardWebApplication so that tests host the very same app in-process.
await using var app = await DashboardWebApplication.CreateAsync(args).ConfigureAwait(false);
await app.RunAsync().ConfigureAwait(false);
