using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Processing.Summaries;

namespace CreatorStream.Host.Web;

/// <summary>
/// Writes creators' finished periods' summaries into the outbox (<c>--outbox DIR</c>; docs/design.md, "Creator
/// summaries") once a minute (<see cref="WebOptions.SummaryInterval"/>) while the web role runs. A campaign whose pass
/// fails (the store unreachable, the disk full) is logged, the others go on, and it is tried again at the next pass;
/// nothing is lost, since a summary not written is written then (while its period is within the horizon).
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
                var pass = await outbox.WriteDueAsync(store, catalog, stoppingToken);
                if (pass.Written > 0)
                {
                    log.LogInformation("wrote {Count} creator summaries to {Outbox}", pass.Written, directory);
                }

                foreach (var (campaign, error) in pass.Failures)
                {
                    log.LogWarning(error, "writing campaign {Campaign}'s creator summaries to {Outbox} failed; trying again in {Interval}", campaign, directory, options.SummaryInterval);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "writing creator summaries to {Outbox} failed; trying again in {Interval}", directory, options.SummaryInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
