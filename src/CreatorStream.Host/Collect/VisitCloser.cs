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
                try
                {
                    await collector.CloseVisitsAsync(all: false, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The round's unwritten visits were put back: the next round writes them. The collector keeps answering.
                    logger.LogError(e, "ending idle visits failed; they stay open and the next round writes them");
                }
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
        try
        {
            var written = await collector.CloseVisitsAsync(all: true, cancellationToken);
            logger.LogInformation("collector stopping: {Count} visits ended and written", written);
        }
        catch (Exception e)
        {
            logger.LogError(e, "collector stopping: writing the ended visits failed");
        }

        if (collector.OpenVisits is > 0 and var unwritten)
        {
            logger.LogWarning("collector stopping: {Count} ended visits could not be written and are lost with this process", unwritten);
        }
    }
}
