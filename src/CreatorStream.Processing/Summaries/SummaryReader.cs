using CreatorStream.Core.Commissions;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.Summaries;

/// <summary>
/// Reads the summaries of creators' finished periods from a store (docs/design.md, "Creator summaries"): the same for
/// a live worker's store and a replay's, since both hold the same days and statements. Thread-safe.
/// </summary>
public static class SummaryReader
{
    /// <summary>
    /// Every finished period's summary of <paramref name="creator"/> in <paramref name="campaign"/> (at most
    /// <see cref="SummaryComposer.MaxPeriods"/>), oldest first; none before the campaign's first event.
    /// </summary>
    public static async Task<IReadOnlyList<CreatorSummary>> ReadAsync(IStateStore store, CampaignConfig campaign, CreatorConfig creator, CancellationToken cancellationToken) =>
        await ReadAsync(store, campaign, [creator], cancellationToken) is { Count: > 0 } all ? all[0].Summaries : [];

    /// <summary>As <see cref="ReadAsync(IStateStore, CampaignConfig, CreatorConfig, CancellationToken)"/> for each of <paramref name="creators"/>, reading the campaign's span and statements once.</summary>
    public static async Task<IReadOnlyList<(CreatorConfig Creator, IReadOnlyList<CreatorSummary> Summaries)>> ReadAsync(
        IStateStore store, CampaignConfig campaign, IReadOnlyList<CreatorConfig> creators, CancellationToken cancellationToken)
    {
        var key = AggregateKey.Campaign(campaign.CampaignId);
        var totals = await store.ReadAggregatesAsync(campaign.CampaignId, [key], cancellationToken);
        if (!totals.TryGetValue(key, out var campaignTotals) || campaignTotals.FirstEventTs is not { } first || campaignTotals.LastEventTs is not { } asOf)
        {
            return [];
        }

        var content = await store.ReadContentAsync(campaign.CampaignId, cancellationToken);
        var decisions = await store.ReadDecisionsAsync(campaign.CampaignId, cancellationToken);
        var statements = StatementBook.Compose(content.Commissions, decisions);
        var result = new List<(CreatorConfig, IReadOnlyList<CreatorSummary>)>();
        foreach (var creator in creators)
        {
            var periods = SummaryComposer.FinishedPeriods(creator, first, asOf);
            if (periods.Count == 0)
            {
                result.Add((creator, []));
                continue;
            }

            // Every day from the campaign's first to the last period's end: earlier periods make the milestones and the comparison.
            var from = SeriesPeriods.Start(SeriesGranularity.Day, first);
            var to = StatementPeriods.End(SummaryComposer.PeriodOf(creator), periods[^1]);
            var days = new Dictionary<long, Counters>();
            for (var chunk = from; chunk < to; chunk += IStateStore.MaxSeriesPeriods * SeriesPeriods.DayMs)
            {
                var end = Math.Min(to, chunk + (IStateStore.MaxSeriesPeriods * SeriesPeriods.DayMs));
                foreach (var day in await store.ReadSeriesAsync(AggregateKey.Creator(campaign.CampaignId, creator.CreatorId), SeriesGranularity.Day, chunk, end, cancellationToken))
                {
                    days[day.Start] = day.Counters;
                }
            }

            result.Add((creator, [.. periods.Select(start => SummaryComposer.Compose(campaign, creator, start, asOf, days, statements))]));
        }

        return result;
    }
}
