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

        var to = last + 1;
        var from = Math.Max(first, to - ((IStateStore.MaxSeriesPeriods - 1) * SeriesPeriods.HourMs));
        var creators = new Dictionary<string, IReadOnlyList<PeriodView>>(StringComparer.Ordinal);
        foreach (var creator in campaign.Creators)
        {
            creators[creator.CreatorId] = await store.ReadSeriesAsync(AggregateKey.Creator(campaign.CampaignId, creator.CreatorId), SeriesGranularity.Hour, SeriesPeriods.Start(SeriesGranularity.Hour, from), to, cancellationToken);
        }

        var hours = await store.ReadSeriesAsync(AggregateKey.Campaign(campaign.CampaignId), SeriesGranularity.Hour, SeriesPeriods.Start(SeriesGranularity.Hour, from), to, cancellationToken);
        return new CampaignSeries(last, hours, creators);
    }
}
