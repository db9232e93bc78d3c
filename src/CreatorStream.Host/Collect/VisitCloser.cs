namespace CreatorStream.Host.Collect;

/// <summary>
/// Ends idle visits every few seconds (at most a tenth of the idle time) and writes them as site sessions; at a stop it
/// ends and writes every visit still open, so a graceful stop loses none (docs/design.md, "Collector").
/// </summary>
public sealed class VisitCloser(Collector collector, CollectOptions options, TimeProvider clock, ILogger<VisitCloser> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.SessionIdle.TotalMilliseconds / 10, 100, 5_000));
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await collector.CloseVisitsAsync(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the visits still open are written below.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var ended = await collector.CloseVisitsAsync(all: true, cancellationToken);
        logger.LogInformation("collector stopping: {Count} open visits ended and written", ended);
    }
}
