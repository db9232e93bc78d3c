using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Processing.Summaries;

namespace CreatorStream.Host.Web;

/// <summary>
/// Writes creators' finished periods' summaries into the outbox (<c>--outbox DIR</c>; docs/design.md, "Creator
/// summaries") once a minute (<see cref="WebOptions.SummaryInterval"/>) while the web role runs. A pass that fails (the store unreachable, the disk full) is
/// logged and tried again at the next minute; nothing is lost, since a summary not written is written then.
/// </summary>
public sealed class SummaryOutboxService(WebOptions options, IStateStore store, CampaignCatalog catalog, ILogger<SummaryOutboxService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Outbox is not { } directory)
        {
            return;
        }

        var outbox = new SummaryOutbox(directory);
        using var timer = new PeriodicTimer(options.SummaryInterval);
        do
        {
            try
            {
                if (await outbox.WriteDueAsync(store, catalog, stoppingToken) is > 0 and var written)
                {
                    log.LogInformation("wrote {Count} creator summaries to {Outbox}", written, directory);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "writing creator summaries to {Outbox} failed; trying again in {Interval}", directory, options.SummaryInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
