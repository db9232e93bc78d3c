using System.Diagnostics.Metrics;
using CreatorStream.Processing.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace CreatorStream.Host.Operations;

/// <summary>
/// The operations surface of a host: <c>GET /metrics</c> (Prometheus text), <c>GET /health/live</c> and
/// <c>GET /health/ready</c>. None takes an API key: they carry counts, topics, partitions and reason codes, never campaign
/// data or ids (see <see cref="StreamMeter"/>), and probes and scrapers hold no campaign keys.
/// </summary>
public static class OperationsEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>Registers the collector, the web instruments, the hub connection counter and the readiness check.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton(provider => PrometheusCollector.For(StreamMeter.Name, provider.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<WebInstruments>();
        services.AddSingleton<HubMetricsFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<HubMetricsFilter>());
        services.AddSingleton<ReadinessCheck>();
        return services;
    }

    /// <summary>Counts every request by route and status class, and maps the three endpoints. Call it first, so it sees every request.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        var instruments = app.Services.GetRequiredService<WebInstruments>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                instruments.HttpRequests.Add(
                    1,
                    new KeyValuePair<string, object?>("route", RouteOf(context)),
                    new KeyValuePair<string, object?>("status_class", $"{context.Response.StatusCode / 100}xx"));
            }
        });

        // The collector starts listening now, not at the first scrape, so counts start with the host.
        var collector = app.Services.GetRequiredService<PrometheusCollector>();
        app.MapGet(MetricsPath, () => Results.Text(collector.Scrape(), PrometheusText.ContentType));
        app.MapGet(LivePath, () => Results.Json(new { status = "live" }));
        app.MapGet(ReadyPath, async (ReadinessCheck readiness, CancellationToken cancellationToken) =>
        {
            var report = await readiness.CheckAsync(cancellationToken);
            return Results.Json(
                new { status = report.IsReady ? "ready" : "not_ready", checks = report.Checks, reasons = report.Reasons },
                statusCode: report.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    // A route template (bounded), never the path itself (which carries campaign ids).
    private static string RouteOf(HttpContext context) => context.GetEndpoint() switch
    {
        RouteEndpoint route => route.RoutePattern.RawText ?? "unknown",
        { DisplayName: { } name } => name,
        null when context.Response.StatusCode == StatusCodes.Status404NotFound => "unmatched",
        _ => "static",
    };
}
