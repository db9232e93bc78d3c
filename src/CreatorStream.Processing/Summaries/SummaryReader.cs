using CreatorStream.Core.Commissions;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.Summaries;

/// <summary>
/// Reads the summaries of creators' finished periods from a store (docs/design.md, "Creator summaries"): the same from
/// a live worker's store and a replay's at the same event time, since both hold the same days, totals and statements.
/// Reads only what the periods asked for need. Thread-safe.
/// </summary>
public static class SummaryReader
{
    /// <summary>Every finished period's summary of <paramref name="creator"/> in <paramref name="campaign"/> within the horizon, oldest first.</summary>
    public static async Task<IReadOnlyList<CreatorSummary>> ReadAsync(IStateStore store, CampaignConfig campaign, CreatorConfig creator, CancellationToken cancellationToken) =>
        (await ReadAsync(store, campaign, [creator], (_, _) => true, cancellationToken))[0].Summaries;

    /// <summary>
    /// The summaries of each of <paramref name="creators"/>'s finished periods that <paramref name="wanted"/> asks for
    /// (given the creator and the period's start), reading the campaign's span and statements once and a creator's days
    /// only when some period of theirs is wanted.
    /// </summary>
    public static async Task<IReadOnlyList<(CreatorConfig Creator, IReadOnlyList<CreatorSummary> Summaries)>> ReadAsync(
        IStateStore store, CampaignConfig campaign, IReadOnlyList<CreatorConfig> creators, Func<CreatorConfig, long, bool> wanted, CancellationToken cancellationToken)
    {
        var span = AggregateKey.Campaign(campaign.CampaignId);
        var totals = await store.ReadAggregatesAsync(campaign.CampaignId, [span], cancellationToken);
        if (!totals.TryGetValue(span, out var campaignTotals) || campaignTotals.FirstEventTs is not { } first || campaignTotals.LastEventTs is not { } asOf)
        {
            return [.. creators.Select(c => (c, (IReadOnlyList<CreatorSummary>)[]))];
        }

        var due = creators.Select(c => (Creator: c, Periods: SummaryComposer.FinishedPeriods(c, first, asOf).Where(start => wanted(c, start)).ToList())).ToList();
        if (due.All(d => d.Periods.Count == 0))
        {
            return [.. creators.Select(c => (c, (IReadOnlyList<CreatorSummary>)[]))];
        }

        var (_, _, statements) = await StatementBook.ReadAsync(store, campaign.CampaignId, cancellationToken);
        var toDate = await store.ReadAggregatesAsync(campaign.CampaignId, [.. due.Where(d => d.Periods.Count > 0).Select(d => AggregateKey.Creator(campaign.CampaignId, d.Creator.CreatorId))], cancellationToken);
        var result = new List<(CreatorConfig, IReadOnlyList<CreatorSummary>)>();
        foreach (var (creator, periods) in due)
        {
            if (periods.Count == 0)
            {
                result.Add((creator, []));
                continue;
            }

            // The days from the period before the first wanted one to the newest: within the horizon, at most 88 days.
            var key = AggregateKey.Creator(campaign.CampaignId, creator.CreatorId);
            var from = SummaryComposer.PreviousStart(SummaryComposer.PeriodOf(creator), periods[0]);
            var to = SeriesPeriods.Start(SeriesGranularity.Day, asOf) + SeriesPeriods.DayMs;
            var days = (await store.ReadSeriesAsync(key, SeriesGranularity.Day, from, to, cancellationToken)).ToDictionary(d => d.Start, d => d.Counters);
            var creatorToDate = toDate.TryGetValue(key, out var aggregate) ? aggregate.Counters : default;
            result.Add((creator, SummaryComposer.Compose(campaign, creator, periods, first, asOf, days, creatorToDate, statements)));
        }

        return result;
    }
}
