using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// Thins a stream of change notices to at most one per campaign per interval, always the latest, so a busy campaign
/// cannot flood dashboards while a quiet one is still told at once within the interval.
/// </summary>
public static class ChangeThrottle
{
    public static IObservable<CampaignChange> PerCampaign(this IObservable<CampaignChange> changes, TimeSpan interval, IScheduler scheduler) =>
        changes
            .GroupBy(change => change.CampaignId)
            .SelectMany(campaign => campaign.Sample(interval, scheduler));
}
