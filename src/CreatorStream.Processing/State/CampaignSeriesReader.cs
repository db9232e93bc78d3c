using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Trends;

namespace CreatorStream.Processing.State;

/// <summary>Reads a campaign's hourly series and its creators' from any store (docs/design.md, "Trends").</summary>
public static class CampaignSeriesReader
{
    /// <summary>
    /// The hours from the campaign's first event to its newest (at most <see cref="IStateStore.MaxSeriesPeriods"/> of the
    /// newest), judged at the newest; empty series before any event.
    /// </summary>
    public static async Task<CampaignSeries> ReadHoursAsync(IStateStore store, CampaignConfig campaign, AggregateView totals, CancellationToken cancellationToken)
    {
        if (totals.FirstEventTs is not { } first || totals.LastEventTs is not { } last)
        {
            return new CampaignSeries(0, [], new Dictionary<string, IReadOnlyList<PeriodView>>(StringComparer.Ordinal));
        }

        var creators = new Dictionary<string, IReadOnlyList<PeriodView>>(StringComparer.Ordinal);
        foreach (var creator in campaign.Creators)
        {
            creators[creator.CreatorId] = await ReadHoursAsync(store, AggregateKey.Creator(campaign.CampaignId, creator.CreatorId), first, last, cancellationToken);
        }

        var hours = await ReadHoursAsync(store, AggregateKey.Campaign(campaign.CampaignId), first, last, cancellationToken);
        return new CampaignSeries(last, hours, creators);
    }

    /// <summary>One scope's hours from <paramref name="first"/> to <paramref name="last"/> (ms, inclusive), at most the newest <see cref="IStateStore.MaxSeriesPeriods"/>.</summary>
    public static async Task<IReadOnlyList<PeriodView>> ReadHoursAsync(IStateStore store, AggregateKey key, long first, long last, CancellationToken cancellationToken)
    {
        var to = last + 1;
        var from = Math.Max(first, to - ((IStateStore.MaxSeriesPeriods - 1) * SeriesPeriods.HourMs));
        return await store.ReadSeriesAsync(key, SeriesGranularity.Hour, SeriesPeriods.Start(SeriesGranularity.Hour, from), to, cancellationToken);
    }
}
